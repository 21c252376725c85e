import { adminCaller, adminHeaders, useLedger } from '../support/test-ledger';

const source = { collectionPoint: 'e2e', method: 'web_form' };
type Write = [method: string, path: string, body: unknown];
interface Walk {
  rule: string;
  subject: string;
  kind: 'member' | 'prospect' | 'b2b_contact';
  writes: Write[];
  ask: Record<string, unknown>;
  allowed: boolean;
  reason: string;
}

/** What makes a consent provable (issue 13, finding 1): the notice shown, and a proof. */
const provable = {
  notice: { id: 'prospecting-notice', version: '2026-01' },
  proof: { type: 'double_opt_in', ref: 'e2e-proof' },
};
const consent = (s: string, purpose: string, channels: string[], extra: object = {}): Write => [
  'POST',
  `/v1/subjects/${s}/consents`,
  { purpose, channels, source, ...provable, ...extra },
];
const withdraw = (s: string, purpose: string, channels: string[], extra: object = {}): Write => [
  'POST',
  `/v1/subjects/${s}/consent-withdrawals`,
  { purpose, channels, source, ...extra },
];
/** A contract the member holds, from 2025 (soft opt-in and contract_in_progress need one: finding 2). */
const contract = (s: string, contractRef = 'C-1'): Write => [
  'POST',
  `/v1/subjects/${s}/relationships`,
  { contractRef, productLine: 'sante', startedAt: '2025-01-01T00:00:00Z' },
];
const hoursAgo = (hours: number) => new Date(Date.now() - hours * 3_600_000).toISOString();
const oppose = (s: string, purpose: string, channels: string[], extra: object = {}): Write => [
  'POST',
  `/v1/subjects/${s}/oppositions`,
  { purpose, channels, source, ...extra },
];

/** Each rule of the default policy walked through the HTTP API: write, then decide. */
const walks: Walk[] = [
  {
    rule: '1 email prospecting needs consent',
    subject: 'r1a',
    kind: 'prospect',
    writes: [],
    ask: { purpose: 'prospecting', channel: 'email' },
    allowed: false,
    reason: 'consent_missing',
  },
  {
    rule: '1 email prospecting with consent',
    subject: 'r1b',
    kind: 'prospect',
    writes: [consent('r1b', 'prospecting', ['email'])],
    ask: { purpose: 'prospecting', channel: 'email' },
    allowed: true,
    reason: 'consent_given',
  },
  {
    rule: '1 sms after withdrawal',
    subject: 'r1c',
    kind: 'prospect',
    writes: [consent('r1c', 'prospecting', ['sms']), withdraw('r1c', 'prospecting', ['sms'])],
    ask: { purpose: 'prospecting', channel: 'sms' },
    allowed: false,
    reason: 'consent_withdrawn',
  },
  {
    rule: '1 b2b contact exception',
    subject: 'r1d',
    kind: 'b2b_contact',
    writes: [],
    ask: { purpose: 'prospecting', channel: 'email' },
    allowed: true,
    reason: 'b2b_exception',
  },
  {
    rule: '1 member soft opt-in',
    subject: 'r1e',
    kind: 'member',
    writes: [contract('r1e')],
    ask: { purpose: 'prospecting', channel: 'sms' },
    allowed: true,
    reason: 'customer_soft_opt_in',
  },
  {
    rule: '1 member soft opt-in, opposed',
    subject: 'r1f',
    kind: 'member',
    writes: [contract('r1f'), oppose('r1f', 'prospecting', ['sms'])],
    ask: { purpose: 'prospecting', channel: 'sms' },
    allowed: false,
    reason: 'opposed',
  },
  {
    rule: '2 post allowed unless opposed',
    subject: 'r2a',
    kind: 'prospect',
    writes: [],
    ask: { purpose: 'prospecting', channel: 'post' },
    allowed: true,
    reason: 'not_opposed',
  },
  {
    rule: '2 post opposed',
    subject: 'r2b',
    kind: 'prospect',
    writes: [oppose('r2b', 'prospecting', ['post'])],
    ask: { purpose: 'prospecting', channel: 'post' },
    allowed: false,
    reason: 'opposed',
  },
  {
    rule: '3 phone before 2026-08-11',
    subject: 'r3a',
    kind: 'prospect',
    writes: [],
    ask: { purpose: 'prospecting', channel: 'phone', at: '2026-08-01T10:00:00Z' },
    allowed: true,
    reason: 'not_opposed',
  },
  {
    rule: '3 phone from 2026-08-11 needs consent',
    subject: 'r3b',
    kind: 'prospect',
    writes: [],
    ask: { purpose: 'prospecting', channel: 'phone' },
    allowed: false,
    reason: 'consent_missing',
  },
  {
    rule: '3 phone, member with a contract',
    subject: 'r3c',
    kind: 'member',
    writes: [contract('r3c')],
    ask: { purpose: 'prospecting', channel: 'phone' },
    allowed: true,
    reason: 'contract_in_progress',
  },
  {
    rule: '4 transfer by email needs consent to that partner',
    subject: 'r4a',
    kind: 'prospect',
    writes: [consent('r4a', 'partner_transfer', ['email'], { partner: 'lmg-assurances' })],
    ask: { purpose: 'partner_transfer', channel: 'email', partner: 'mg-services' },
    allowed: false,
    reason: 'consent_missing',
  },
  {
    rule: '4 transfer by email with consent',
    subject: 'r4b',
    kind: 'prospect',
    writes: [consent('r4b', 'partner_transfer', ['email'], { partner: 'mg-services' })],
    ask: { purpose: 'partner_transfer', channel: 'email', partner: 'mg-services' },
    allowed: true,
    reason: 'consent_given',
  },
  {
    rule: '4 transfer by post unless opposed',
    subject: 'r4c',
    kind: 'prospect',
    writes: [oppose('r4c', 'partner_transfer', ['post'], { partner: 'mg-services' })],
    ask: { purpose: 'partner_transfer', channel: 'post', partner: 'mg-services' },
    allowed: false,
    reason: 'opposed',
  },
  {
    rule: '5 quality recording unless objected',
    subject: 'r5a',
    kind: 'member',
    writes: [oppose('r5a', 'call_recording_quality', ['phone'])],
    ask: { purpose: 'call_recording_quality', channel: 'phone' },
    allowed: false,
    reason: 'opposed',
  },
  {
    rule: '6 canvassing recording, no objection',
    subject: 'r6a',
    kind: 'prospect',
    writes: [],
    ask: { purpose: 'call_recording_canvassing', channel: 'phone' },
    allowed: true,
    reason: 'not_opposed',
  },
  {
    rule: '7 profiling opposed',
    subject: 'r7a',
    kind: 'member',
    writes: [oppose('r7a', 'profiling', ['email'])],
    ask: { purpose: 'profiling', channel: 'email' },
    allowed: false,
    reason: 'opposed',
  },
  {
    rule: '8 necessary cookies',
    subject: 'r8a',
    kind: 'prospect',
    writes: [],
    ask: { purpose: 'cookies_necessary', channel: 'web' },
    allowed: true,
    reason: 'necessary_cookie',
  },
  {
    rule: '8 audience cookies accepted',
    subject: 'r8b',
    kind: 'prospect',
    writes: [
      ['POST', '/v1/subjects/r8b/cookie-choices', { choices: { audience: true }, bannerVersion: 'v3' }],
    ],
    ask: { purpose: 'cookies_audience', channel: 'web' },
    allowed: true,
    reason: 'consent_given',
  },
  {
    rule: '8 no choice means refused',
    subject: 'r8c',
    kind: 'prospect',
    writes: [
      ['POST', '/v1/subjects/r8c/cookie-choices', { choices: { audience: true }, bannerVersion: 'v3' }],
    ],
    ask: { purpose: 'cookies_social', channel: 'web' },
    allowed: false,
    reason: 'consent_missing',
  },
  {
    rule: '9 fraud detection despite opposition',
    subject: 'r9a',
    kind: 'member',
    writes: [oppose('r9a', 'fraud_detection', ['email'])],
    ask: { purpose: 'fraud_detection', channel: 'email' },
    allowed: true,
    reason: 'not_consent_based',
  },
  {
    rule: '10 unknown subject by email',
    subject: 'r10a',
    kind: 'prospect',
    writes: [],
    ask: { subject: { email: 'nobody@example.fr' }, purpose: 'prospecting', channel: 'email' },
    allowed: false,
    reason: 'consent_missing',
  },
  {
    rule: '(finding 9) as of before the writes were recorded: what the ledger knew then, though they are back-dated',
    subject: 'r-known-then',
    kind: 'prospect',
    writes: [
      consent('r-known-then', 'prospecting', ['email'], { occurredAt: hoursAgo(48) }),
      withdraw('r-known-then', 'prospecting', ['email'], { occurredAt: hoursAgo(24) }),
    ],
    ask: { purpose: 'prospecting', channel: 'email', at: hoursAgo(12) },
    allowed: false,
    reason: 'consent_missing',
  },
  {
    rule: '(finding 5) a professional contact stays under opposition for telephone canvassing',
    subject: 'r-b2b-phone',
    kind: 'b2b_contact',
    writes: [],
    ask: { purpose: 'prospecting', channel: 'phone' },
    allowed: true,
    reason: 'b2b_exception',
  },
  {
    rule: '(finding 4) a transfer for telephone prospecting needs consent to that partner',
    subject: 'r-phone-transfer',
    kind: 'prospect',
    writes: [consent('r-phone-transfer', 'partner_transfer', ['phone'], { partner: 'lmg-assurances' })],
    ask: { purpose: 'partner_transfer', channel: 'phone', partner: 'mg-services' },
    allowed: false,
    reason: 'consent_missing',
  },
  {
    rule: '(finding 4) a subject the ledger never saw is never transferred',
    subject: 'r-transfer-unknown',
    kind: 'prospect',
    writes: [],
    ask: {
      subject: { subjectId: 'never-seen' },
      purpose: 'partner_transfer',
      channel: 'post',
      partner: 'mg-services',
    },
    allowed: false,
    reason: 'subject_unknown',
  },
  {
    rule: '(finding 3) an objection to postal prospecting also refuses postal transfers, to every partner',
    subject: 'r-spread-post',
    kind: 'prospect',
    writes: [oppose('r-spread-post', 'prospecting', ['post'])],
    ask: { purpose: 'partner_transfer', channel: 'post', partner: 'flex-conseil-et-services' },
    allowed: false,
    reason: 'opposed',
  },
  {
    rule: '(finding 3) an objection naming no channel covers every channel',
    subject: 'r-spread-all',
    kind: 'prospect',
    writes: [
      consent('r-spread-all', 'prospecting', ['sms']),
      ['POST', '/v1/subjects/r-spread-all/oppositions', { purpose: 'prospecting', source }],
    ],
    ask: { purpose: 'prospecting', channel: 'sms' },
    allowed: false,
    reason: 'opposed',
  },
  {
    rule: '(finding 3) profiling has no channel: an objection by email applies to the phone too',
    subject: 'r-spread-profiling',
    kind: 'member',
    writes: [oppose('r-spread-profiling', 'profiling', ['email'])],
    ask: { purpose: 'profiling', channel: 'phone' },
    allowed: false,
    reason: 'opposed',
  },
  {
    rule: '(finding 3) an objection to transfers naming no partner covers every partner',
    subject: 'r-spread-partners',
    kind: 'b2b_contact',
    writes: [
      [
        'POST',
        '/v1/subjects/r-spread-partners/oppositions',
        { purpose: 'partner_transfer', channels: ['email'], source },
      ],
    ],
    ask: { purpose: 'partner_transfer', channel: 'email', partner: 'lmg-assurances' },
    allowed: false,
    reason: 'opposed',
  },
  {
    rule: '(finding 2) a former member is a prospect again: the contract ended, no soft opt-in',
    subject: 'r-former-member',
    kind: 'member',
    writes: [
      contract('r-former-member', 'C-old'),
      ['POST', '/v1/subjects/r-former-member/relationships/C-old/end', { endedAt: '2026-06-30T00:00:00Z' }],
    ],
    ask: { purpose: 'prospecting', channel: 'email' },
    allowed: false,
    reason: 'consent_missing',
  },
  {
    rule: '(finding 2) a member with no contract recorded is not a customer',
    subject: 'r-member-no-contract',
    kind: 'member',
    writes: [],
    ask: { purpose: 'prospecting', channel: 'sms' },
    allowed: false,
    reason: 'consent_missing',
  },
  {
    rule: '(issue 14) a restriction of processing holds a consent-based purpose until lifted',
    subject: 'r-restricted',
    kind: 'prospect',
    writes: [
      consent('r-restricted', 'prospecting', ['email']),
      ['POST', '/v1/subjects/r-restricted/restrictions', { reason: 'accuracy contested' }],
    ],
    ask: { purpose: 'prospecting', channel: 'email' },
    allowed: false,
    reason: 'restricted',
  },
  {
    rule: '(issue 14) a lifted restriction lets the consent decide again',
    subject: 'r-restriction-lifted',
    kind: 'prospect',
    writes: [
      consent('r-restriction-lifted', 'prospecting', ['email']),
      ['POST', '/v1/subjects/r-restriction-lifted/restrictions', { reason: 'accuracy contested' }],
      ['POST', '/v1/subjects/r-restriction-lifted/restriction-lifts', { reason: 'accuracy checked' }],
    ],
    ask: { purpose: 'prospecting', channel: 'email' },
    allowed: true,
    reason: 'consent_given',
  },
];

describe('decisions through the HTTP API, rule by rule', () => {
  const ledger = useLedger('decisions', { projector: true });

  const call = adminCaller(ledger);

  it.each(walks.map((w) => [w.rule, w] as const))('rule %s', async (_rule, walk) => {
    let position = '';
    for (const [method, path, body] of [
      ['PUT', `/v1/subjects/${walk.subject}`, { kind: walk.kind }] as Write,
      ...walk.writes,
    ]) {
      const written = await call(method, path, body);
      expect([200, 201]).toContain(written.status);
      position = written.body.position as string;
    }
    const decision = await call('POST', '/v1/decisions', {
      subject: { subjectId: walk.subject },
      consistentWith: position,
      ...walk.ask,
    });
    expect(decision.status).toBe(200);
    expect({ allowed: decision.body.allowed, reason: decision.body.reason }).toEqual({
      allowed: walk.allowed,
      reason: walk.reason,
    });
    expect(decision.body).toMatchObject({
      policy: { id: 'lmg-privacy-policy' },
      legalBasis: expect.any(String),
    });
  });

  it('(finding 2) ending a contract the ledger does not know is a 404 problem; a known one ends', async () => {
    await call('PUT', '/v1/subjects/r-end-unknown', { kind: 'member' });
    const unknown = await call('POST', '/v1/subjects/r-end-unknown/relationships/C-404/end', {
      endedAt: '2026-06-30T00:00:00Z',
    });
    expect(unknown.status).toBe(404);
    const started = await call('POST', '/v1/subjects/r-end-unknown/relationships', {
      contractRef: 'C-200',
      productLine: 'prevoyance',
      startedAt: '2025-03-01T00:00:00Z',
    });
    expect(started.status).toBe(201);
    const member = await call('POST', '/v1/decisions', {
      subject: { subjectId: 'r-end-unknown' },
      purpose: 'prospecting',
      channel: 'email',
      consistentWith: started.body.position,
    });
    // The decision names the relationship it relied on.
    expect(member.body).toMatchObject({
      allowed: true,
      reason: 'customer_soft_opt_in',
      evidence: [started.body.eventId],
    });
    const ended = await call('POST', '/v1/subjects/r-end-unknown/relationships/C-200/end', {
      endedAt: '2026-07-31T00:00:00Z',
    });
    expect(ended.status).toBe(201);
  });

  it('answers a position the read model has not reached with 503 and Retry-After, and a bad token with 400', async () => {
    const ask = (consistentWith: string) =>
      fetch(`${ledger.api.url}/v1/decisions`, {
        method: 'POST',
        headers: adminHeaders(),
        body: JSON.stringify({
          subject: { subjectId: 'r1a' },
          purpose: 'prospecting',
          channel: 'post',
          consistentWith,
        }),
      });
    const ahead = await ask(Buffer.from('p1:0:999999').toString('base64url'));
    expect(ahead.status).toBe(503);
    expect(ahead.headers.get('retry-after')).toBe('1');
    expect(((await ahead.json()) as { type: string }).type).toBe(
      'urn:consent-ledger:problem:read-side-lagging',
    );
    const bad = await ask('not-a-token');
    expect(bad.status).toBe(400);
  });

  it('finds a subject by email or phone, however written', async () => {
    await call('PUT', '/v1/subjects/by-id', {
      kind: 'prospect',
      identifiers: { emails: ['claire@example.fr'], phones: ['06 98 76 54 32'] },
    });
    const given = await call('POST', '/v1/subjects/by-id/consents', {
      purpose: 'prospecting',
      channels: ['email', 'sms'],
      source,
      ...provable,
    });
    for (const subject of [{ email: ' Claire@Example.fr ' }, { phone: '+33 6 98 76 54 32' }]) {
      const decision = await call('POST', '/v1/decisions', {
        subject,
        purpose: 'prospecting',
        channel: 'sms',
        consistentWith: given.body.position,
      });
      expect(decision.body).toMatchObject({
        allowed: true,
        reason: 'consent_given',
        evidence: [given.body.eventId],
      });
    }
  });

  it('shows the current state and the history with its proof fields', async () => {
    const state = await fetch(`${ledger.api.url}/v1/subjects/r1b`, { headers: adminHeaders() });
    const body = (await state.json()) as {
      states: Array<{ purpose: string; channel: string; allowed: boolean; reason: string }>;
    };
    expect(body.states).toContainEqual(
      expect.objectContaining({
        purpose: 'prospecting',
        channel: 'email',
        allowed: true,
        reason: 'consent_given',
      }),
    );
    const history = await fetch(`${ledger.api.url}/v1/subjects/r4b/history`, { headers: adminHeaders() });
    const events = (
      (await history.json()) as { events: Array<{ type: string; source: unknown; position: string }> }
    ).events;
    expect(events.map((e) => e.type)).toEqual(['SubjectRegistered', 'ConsentGiven']);
    expect(events[1]).toMatchObject({
      source: { collectionPoint: 'e2e', method: 'web_form', client: 'admin' },
    });
    expect((await fetch(`${ledger.api.url}/v1/subjects/nobody`, { headers: adminHeaders() })).status).toBe(
      404,
    );
  });

  it('a withdrawal is effective when acknowledged: 100 rounds of consent → withdrawal → decision, never allowed', async () => {
    const allowedAfterWithdrawal: Array<{ round: number; status: number; body: unknown }> = [];
    for (let round = 0; round < 100; round++) {
      const subject = `round-${round % 5}`;
      await call('POST', `/v1/subjects/${subject}/consents`, {
        purpose: 'prospecting',
        channels: ['email'],
        source,
        ...provable,
      });
      const withdrawn = await call('POST', `/v1/subjects/${subject}/consent-withdrawals`, {
        purpose: 'prospecting',
        channels: ['email'],
        source,
      });
      expect(withdrawn.status).toBe(201);
      const decision = await call('POST', '/v1/decisions', {
        subject: { subjectId: subject },
        purpose: 'prospecting',
        channel: 'email',
      });
      if (decision.body.allowed !== false)
        allowedAfterWithdrawal.push({ round, status: decision.status, body: decision.body });
    }
    expect(allowedAfterWithdrawal).toEqual([]);
  });
});
