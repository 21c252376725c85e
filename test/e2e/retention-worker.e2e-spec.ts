import { MongoClient } from 'mongodb';
import { createRetentionWorker, type RetentionWorker } from '../../apps/retention/src/retention.app';
import { adminCaller, readModelCaughtUp, testConfig, useLedger } from '../support/test-ledger';

/** The API's and the worker's clock: three years pass between two requests. */
let now = new Date('2023-12-14T10:00:00Z');
const clock = { now: () => now };

describe('the retention worker (issue 14): expiries, idempotency window, deadlines, metrics', () => {
  const ledger = useLedger('retention-worker', { projector: true, overrides: { clock } });
  let worker: RetentionWorker;
  beforeAll(async () => {
    worker = await createRetentionWorker(
      testConfig('retention-worker', {
        LEDGER_RETENTION_METRICS_PORT: '0',
        LEDGER_RETENTION_INTERVAL_MS: '3600000',
      }),
      { clock },
    );
  });
  afterAll(async () => worker?.close());

  const call = adminCaller(ledger);
  const source = { collectionPoint: 'e2e', method: 'web_form' };
  const decide = (subjectId: string) =>
    call('POST', '/v1/decisions', { subject: { subjectId }, purpose: 'prospecting', channel: 'email' });

  it('expires the prospect silent 3 years and 1 day (key destroyed, decisions subject_expired), keeps the one who consented 2 years ago', async () => {
    now = new Date('2023-12-14T10:00:00Z');
    const registered = await call('PUT', '/v1/subjects/rw-silent', {
      kind: 'prospect',
      identifiers: { emails: ['silent@example.fr'] },
    });
    expect(registered.status).toBe(200);
    const contact = await call(
      'POST',
      '/v1/subjects/rw-silent/contacts',
      { channel: 'email', initiatedBy: 'subject' },
      { 'idempotency-key': 'rw-contact-2023' },
    );
    expect(contact.status).toBe(201);
    // Logged in 2023, kept 400 days: the 2026 sweep deletes it.
    const decidedIn2023 = await decide('rw-silent');
    expect(decidedIn2023.body.logged).toBe(true);
    now = new Date('2024-12-15T10:00:00Z');
    await call('PUT', '/v1/subjects/rw-consented', { kind: 'prospect' });
    const consent = await call('POST', '/v1/subjects/rw-consented/consents', {
      purpose: 'prospecting',
      channels: ['email'],
      source,
      notice: { id: 'prospecting-notice', version: '2024-01' },
    });
    expect(consent.status).toBe(201);
    const cookies = await call('POST', '/v1/subjects/rw-consented/cookie-choices', {
      choices: { audience: true },
      bannerVersion: 'v1',
    });
    expect(cookies.status).toBe(201);
    now = new Date('2026-10-01T10:00:00Z');
    await call('POST', '/v1/rights-requests', {
      subject: { subjectId: 'rw-consented' },
      type: 'access',
      channel: 'post',
      receivedAt: now.toISOString(),
    });
    now = new Date('2026-11-20T10:00:00Z');
    await call('POST', '/v1/rights-requests', {
      subject: { subjectId: 'rw-consented' },
      type: 'rectification',
      channel: 'email',
      receivedAt: now.toISOString(),
    });
    await readModelCaughtUp(ledger.config);

    now = new Date('2026-12-15T10:00:00Z');
    const report = await worker.sweep();
    expect(report).toMatchObject({
      expired: ['rw-silent'],
      cookieChoicesLapsed: 1,
      rightsRequests: { overdue: 1, dueSoon: 1 },
    });
    // The contact's Idempotency-Key was three years old: forgotten (kept 30 days).
    expect(report.idempotencyPurged).toBeGreaterThanOrEqual(1);
    expect(report.decisionsPurged).toBeGreaterThanOrEqual(1);
    expect((await call('GET', `/v1/decisions/${decidedIn2023.body.decisionId}`)).status).toBe(404);

    await readModelCaughtUp(ledger.config);
    expect((await decide('rw-silent')).body).toMatchObject({ allowed: false, reason: 'subject_expired' });
    expect((await decide('rw-consented')).body).toMatchObject({ allowed: true, reason: 'consent_given' });
    // The cookie consent given with it, 24 months ago, is recorded as lapsed (decisions refused it already).
    const consented = await call('GET', '/v1/subjects/rw-consented/history');
    expect(consented.body.events.map((event: { type: string }) => event.type)).toContain(
      'CookieConsentLapsed',
    );
    expect(
      (
        await call('POST', '/v1/decisions', {
          subject: { subjectId: 'rw-consented' },
          purpose: 'cookies_audience',
          channel: 'web',
        })
      ).body,
    ).toMatchObject({ allowed: false, reason: 'consent_expired' });
    const history = await call('GET', '/v1/subjects/rw-silent/history');
    expect(history.body.events.at(-1).type).toBe('SubjectExpired');
    expect(history.body.events[0]).toMatchObject({
      personalData: 'erased',
      data: { identifiers: { emails: [null] } },
    });
    const client = new MongoClient(ledger.config.mongo.uri);
    try {
      const key = await client
        .db(ledger.config.mongo.database)
        .collection('subject_keys')
        .findOne({ _id: 'rw-silent' as never });
      expect(key).toMatchObject({ destroyedAt: expect.any(String) });
      expect(key).not.toHaveProperty('wrapped');
    } finally {
      await client.close();
    }
    // A second sweep finds nothing more to expire or lapse.
    expect(await worker.sweep()).toMatchObject({ expired: [], cookieChoicesLapsed: 0 });
  });

  it('serves its figures as Prometheus metrics', async () => {
    const { metricsPort } = await worker.start();
    await new Promise((resolve) => setTimeout(resolve, 500));
    const text = await (await fetch(`http://127.0.0.1:${metricsPort}/metrics`)).text();
    expect(text).toMatch(/ledger_rights_requests_open\{urgency="overdue"\} 1/);
    expect(text).toMatch(/ledger_subjects_expired_total 1/);
    expect(text).toMatch(/ledger_retention_last_sweep_timestamp_seconds \d+/);
  });
});
