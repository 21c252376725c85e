import { MongoClient } from 'mongodb';
import { COLLECTIONS } from '@ledger/mongo';
import {
  adminCaller,
  adminHeaders,
  readModelCaughtUp,
  startApi,
  testConfig,
  useLedger,
  type RunningApi,
} from '../support/test-ledger';

const source = { collectionPoint: 'e2e', method: 'web_form' };
const NOTICE = { id: 'prospecting-notice', version: '2026-11' };

describe('explaining past decisions (issue 15, acceptance 4)', () => {
  const ledger = useLedger('explain', { projector: true });
  const call = adminCaller(ledger);
  const ask = (body: Record<string, unknown>) =>
    call('POST', '/v1/decisions', { subject: { subjectId: 'ex-paul' }, purpose: 'prospecting', ...body });

  beforeAll(async () => {
    await call('PUT', '/v1/subjects/ex-paul', {
      kind: 'prospect',
      identifiers: { emails: ['paul@example.fr'] },
    });
    await call('POST', '/v1/subjects/ex-paul/consents', {
      purpose: 'prospecting',
      channels: ['email'],
      source,
      notice: NOTICE,
    });
    await readModelCaughtUp(ledger.config);
  });

  it('a phone question as of before the 2026-08-11 switch and one after: each explained with the rules then in force', async () => {
    const before = await ask({ channel: 'phone', at: '2026-08-01T10:00:00Z' });
    const after = await ask({ channel: 'phone', at: '2026-09-01T10:00:00Z' });
    const now = await ask({ channel: 'phone' });
    expect(before.body).toMatchObject({
      allowed: true,
      reason: 'not_opposed',
      logged: true,
      decisionId: expect.any(String),
    });
    expect(after.body).toMatchObject({ allowed: false, reason: 'consent_missing', logged: true });
    expect(now.body).toMatchObject({ allowed: false, reason: 'consent_missing', logged: true });

    const explainedBefore = await call('GET', `/v1/decisions/${before.body.decisionId}`);
    expect(explainedBefore.status).toBe(200);
    expect(explainedBefore.body).toMatchObject({
      decisionId: before.body.decisionId,
      decidedAt: before.body.decidedAt,
      subject: { subjectId: 'ex-paul', askedBy: 'subjectId' },
      question: { purpose: 'prospecting', channel: 'phone', at: '2026-08-01T10:00:00.000Z' },
      asOf: true,
      answer: { allowed: true, reason: 'not_opposed', policy: { version: '2018-05-25' } },
      rulesInForce: {
        policy: {
          id: 'lmg-privacy-policy',
          version: '2018-05-25',
          effectiveFrom: '2018-05-25T00:00:00.000Z',
        },
        rule: { regime: 'opt_out', source: expect.stringContaining('Bloctel') },
      },
      // Registered and consented today: as of August the ledger knew nothing of Paul.
      evidence: [],
      reproduced: { allowed: true, reason: 'not_opposed', matches: true },
    });

    // As of September the ledger knew the switch as the law set it (the review's correction came later).
    const explainedAfter = await call('GET', `/v1/decisions/${after.body.decisionId}`);
    expect(explainedAfter.body).toMatchObject({
      asOf: true,
      question: { channel: 'phone', at: '2026-09-01T10:00:00.000Z' },
      answer: { allowed: false, reason: 'consent_missing', policy: { version: '2026-08-11' } },
      rulesInForce: {
        policy: { version: '2026-08-11', effectiveFrom: '2026-08-10T22:00:00.000Z' },
        rule: {
          regime: 'consent_required',
          legalBasis: 'consent',
          source: expect.stringContaining('2025-594'),
        },
      },
      reproduced: { matches: true },
    });
    // Asked now: the rules in force today, whatever version that is.
    const explainedNow = await call('GET', `/v1/decisions/${now.body.decisionId}`);
    expect(explainedNow.body).toMatchObject({
      asOf: false,
      answer: { reason: 'consent_missing' },
      rulesInForce: { policy: { version: now.body.policy.version }, rule: { regime: 'consent_required' } },
      reproduced: { matches: true },
    });
  });

  it('an email question asked by email: the evidence carries the consent with its chain hash, the log keeps no email', async () => {
    const answer = await call('POST', '/v1/decisions', {
      subject: { email: 'Paul@Example.fr' },
      purpose: 'prospecting',
      channel: 'email',
    });
    expect(answer.body).toMatchObject({ allowed: true, reason: 'consent_given', logged: true });
    const explained = await call('GET', `/v1/decisions/${answer.body.decisionId}`);
    expect(explained.body.subject).toEqual({ subjectId: 'ex-paul', askedBy: 'email' });
    // The OpenAPI document says what the evidence is: objects (Schemathesis checks answers against it).
    const document = (await (await fetch(`${ledger.api.url}/openapi.json`)).json()) as {
      paths: Record<
        string,
        { get: { responses: Record<string, { content: Record<string, { schema: { $ref: string } }> }> } }
      >;
      components: { schemas: Record<string, { properties: Record<string, { items?: { type: string } }> }> };
    };
    const ref =
      document.paths['/v1/decisions/{decisionId}'].get.responses['200'].content['application/json'].schema
        .$ref;
    expect(document.components.schemas[ref.split('/').pop()!].properties.evidence.items?.type).toBe('object');
    const history = await call('GET', '/v1/subjects/ex-paul/history');
    const consent = history.body.events.find((event: { type: string }) => event.type === 'ConsentGiven');
    expect(explained.body.evidence).toEqual([
      expect.objectContaining({
        eventId: consent.id,
        type: 'ConsentGiven',
        chainHash: consent.chain.hash,
        position: consent.position,
        notice: NOTICE,
        data: { purpose: 'prospecting', channels: ['email'] },
      }),
    ]);
    const client = new MongoClient(ledger.config.mongo.uri);
    try {
      const stored = await client
        .db(ledger.config.mongo.database)
        .collection(COLLECTIONS.decisionLog)
        .findOne({ _id: answer.body.decisionId });
      expect(stored).not.toBeNull();
      expect(JSON.stringify(stored).toLowerCase()).not.toContain('paul@example.fr');
    } finally {
      await client.close();
    }
  });

  it('a decision not kept (LEDGER_DECISION_LOG=none) or unknown is a 404 problem saying why', async () => {
    let quiet: RunningApi | undefined;
    try {
      quiet = await startApi(testConfig('explain', { LEDGER_DECISION_LOG: 'none' }));
      const answer = await fetch(`${quiet.url}/v1/decisions`, {
        method: 'POST',
        headers: adminHeaders(),
        body: JSON.stringify({ subject: { subjectId: 'ex-paul' }, purpose: 'prospecting', channel: 'email' }),
      });
      const body = (await answer.json()) as { logged: boolean; decisionId: string };
      expect(body).toMatchObject({ logged: false, decisionId: expect.any(String) });
      const explained = await fetch(`${quiet.url}/v1/decisions/${body.decisionId}`, {
        headers: adminHeaders(),
      });
      expect(explained.status).toBe(404);
      expect(explained.headers.get('content-type')).toContain('application/problem+json');
      expect(((await explained.json()) as { detail: string }).detail).toContain('keeps no decision');
    } finally {
      await quiet?.close();
    }
    const unknown = await call('GET', '/v1/decisions/0190aaaa-bbbb-7ccc-8ddd-eeeeeeeeeeee');
    expect(unknown.status).toBe(404);
    expect((await call('GET', '/v1/decisions/not-a-uuid')).status).toBe(400);
  });
});
