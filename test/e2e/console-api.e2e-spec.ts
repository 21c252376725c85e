import { adminCaller, readModelCaughtUp, useLedger } from '../support/test-ledger';

const SOURCE = { collectionPoint: 'e2e-console-api', method: 'web_form' };
const NOTICE = { id: 'prospecting-notice', version: '2026-01' };

describe('the reads the console is built on (issue 16): lookup, transfer list, choice statistics', () => {
  const ledger = useLedger('console-api', { projector: true });
  const call = adminCaller(ledger);

  beforeAll(async () => {
    expect(
      (
        await call('PUT', '/v1/subjects/ca-paul', {
          kind: 'member',
          identifiers: { emails: ['Paul.Lookup@Example.fr'], phones: ['06 12 34 56 78'] },
        })
      ).status,
    ).toBe(200);
    const choices: Array<[string, object]> = [
      ['consents', { purpose: 'prospecting', channels: ['email', 'sms'], notice: NOTICE }],
      ['consent-withdrawals', { purpose: 'prospecting', channels: ['sms'] }],
      ['oppositions', { purpose: 'profiling' }],
    ];
    for (const [path, body] of choices) {
      expect((await call('POST', `/v1/subjects/ca-paul/${path}`, { ...body, source: SOURCE })).status).toBe(
        201,
      );
    }
    for (let n = 0; n < 3; n++) {
      const transfer = await call('POST', '/v1/partner-transfers', {
        partner: 'mg-services',
        channel: 'email',
        subjects: [{ subjectId: 'ca-paul' }],
      });
      expect(transfer.status).toBe(201);
    }
    await readModelCaughtUp(ledger.config);
  });

  it('finds a person by id, by email in any case, by phone in any form; nobody is a 404', async () => {
    const expected = { subjectId: 'ca-paul', kind: 'member', eventCount: 4 };
    expect(await call('POST', '/v1/subject-lookups', { subjectId: 'ca-paul' })).toMatchObject({
      status: 200,
      body: expected,
    });
    expect(await call('POST', '/v1/subject-lookups', { email: 'paul.lookup@example.FR' })).toMatchObject({
      status: 200,
      body: expected,
    });
    expect(await call('POST', '/v1/subject-lookups', { phone: '+33612345678' })).toMatchObject({
      status: 200,
      body: expected,
    });
    const nobody = await call('POST', '/v1/subject-lookups', { email: 'nobody@example.fr' });
    expect(nobody).toMatchObject({ status: 404, body: { type: 'urn:consent-ledger:problem:not-found' } });
    expect(JSON.stringify(nobody.body)).not.toContain('nobody@example.fr');
  });

  it('finds a subject never registered (choices only), its kind null as documented', async () => {
    const consent = await call('POST', '/v1/subjects/ca-unregistered/consents', {
      purpose: 'prospecting',
      channels: ['email'],
      source: SOURCE,
      notice: NOTICE,
    });
    expect(consent.status).toBe(201);
    await readModelCaughtUp(ledger.config);
    expect(await call('POST', '/v1/subject-lookups', { subjectId: 'ca-unregistered' })).toMatchObject({
      status: 200,
      body: { subjectId: 'ca-unregistered', kind: null, eventCount: 1 },
    });
    const document = (await (await fetch(`${ledger.api.url}/openapi.json`)).json()) as {
      components: { schemas: { FoundSubjectDto: { properties: { kind: { nullable?: boolean } } } } };
    };
    expect(document.components.schemas.FoundSubjectDto.properties.kind.nullable).toBe(true);
  });

  it('refuses a lookup by two references, or by none, with a problem', async () => {
    const two = await call('POST', '/v1/subject-lookups', { subjectId: 'ca-paul', email: 'a@b.fr' });
    expect(two).toMatchObject({
      status: 400,
      body: { type: 'urn:consent-ledger:problem:validation-failed' },
    });
    expect((await call('POST', '/v1/subject-lookups', {})).status).toBe(400);
    expect((await call('POST', '/v1/subject-lookups', { email: 'not an email' })).status).toBe(400);
  });

  it('lists partner transfers newest first, a page at a time, without their contact lists', async () => {
    const first = await call('GET', '/v1/partner-transfers?limit=2');
    expect(first.status).toBe(200);
    expect(first.body.transfers).toHaveLength(2);
    expect(first.body.transfers[0]).not.toHaveProperty('sent');
    expect(first.body.transfers[0].decidedAt >= first.body.transfers[1].decidedAt).toBe(true);
    expect(first.body.next).toMatch(/^\/v1\/partner-transfers\?limit=2&cursor=/);
    const second = await call('GET', first.body.next as string);
    expect(second.body.transfers).toHaveLength(1);
    expect(second.body.next).toBeUndefined();
    const ids = [...first.body.transfers, ...second.body.transfers].map(
      (t: { transferId: string }) => t.transferId,
    );
    expect(new Set(ids).size).toBe(3);
    expect((await call('GET', '/v1/partner-transfers?limit=0')).status).toBe(400);
  });

  it('lists the logged decisions about a person, latest first, a page at a time', async () => {
    const asked: string[] = [];
    for (const channel of ['email', 'sms', 'phone']) {
      const answer = await call('POST', '/v1/decisions', {
        subject: channel === 'sms' ? { email: 'paul.lookup@example.fr' } : { subjectId: 'ca-paul' },
        purpose: 'prospecting',
        channel,
      });
      expect(answer.status).toBe(200);
      asked.push(answer.body.decisionId as string);
    }
    const first = await call('GET', '/v1/subjects/ca-paul/decisions?limit=2');
    expect(first.status).toBe(200);
    expect(first.body.decisions.map((d: { decisionId: string }) => d.decisionId)).toEqual([
      asked[2],
      asked[1],
    ]);
    expect(first.body.decisions[1]).toMatchObject({
      question: { purpose: 'prospecting', channel: 'sms' },
      answer: { allowed: false, reason: 'consent_withdrawn' },
      subject: { subjectId: 'ca-paul', askedBy: 'email' },
    });
    expect(first.body.decisions[0]).not.toHaveProperty('evidence');
    const second = await call('GET', first.body.next as string);
    expect(second.body.decisions.map((d: { decisionId: string }) => d.decisionId)).toEqual([asked[0]]);
    expect(second.body.next).toBeUndefined();
    expect(await call('GET', '/v1/subjects/nobody-asked/decisions')).toMatchObject({
      status: 200,
      body: { decisions: [] },
    });
  });

  it('counts consents and oppositions per day, purpose and channel, naming no one', async () => {
    const stats = await call('GET', '/v1/statistics/choices?days=7');
    expect(stats.status).toBe(200);
    const today = new Date().toISOString().slice(0, 10);
    expect(stats.body.days).toHaveLength(7);
    expect(stats.body.days.at(-1)).toBe(today);
    const mine = (stats.body.counts as Array<Record<string, unknown>>).filter((c) => c.day === today);
    expect(mine).toEqual(
      expect.arrayContaining([
        // Every subject's: ca-paul's consent and ca-unregistered's.
        { day: today, type: 'ConsentGiven', purpose: 'prospecting', channel: 'email', count: 2 },
        { day: today, type: 'ConsentGiven', purpose: 'prospecting', channel: 'sms', count: 1 },
        { day: today, type: 'ConsentWithdrawn', purpose: 'prospecting', channel: 'sms', count: 1 },
        { day: today, type: 'OppositionRegistered', purpose: 'profiling', channel: 'all', count: 1 },
      ]),
    );
    expect(JSON.stringify(stats.body)).not.toContain('ca-paul');
    expect((await call('GET', '/v1/statistics/choices?days=93')).status).toBe(400);
  });
});
