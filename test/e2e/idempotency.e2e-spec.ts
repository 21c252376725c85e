import { readAllEvents, topicRecordCount } from '../support/event-log-reader';
import { adminHeaders, startApi, useLedger } from '../support/test-ledger';

const consent = {
  purpose: 'prospecting',
  channels: ['email'],
  source: { collectionPoint: 'site/newsletter', method: 'web_form' },
  notice: { id: 'newsletter-notice', version: '2026-01' },
};

describe('Idempotency-Key', () => {
  const ledger = useLedger('idempotency', { projector: false });

  const post = (key: string, body: unknown, headers: Record<string, string> = adminHeaders()) =>
    fetch(`${ledger.api.url}/v1/subjects/idem-1/consents`, {
      method: 'POST',
      headers: { ...headers, 'idempotency-key': key },
      body: JSON.stringify(body),
    });

  it('answers a retry across an API restart with the same event id, and appends one event', async () => {
    const before = await topicRecordCount(ledger.config);
    const first = await post('retry-1', consent);
    expect(first.status).toBe(201);
    const firstAck = (await first.json()) as { eventId: string; position: string };

    await ledger.api.close();
    ledger.api = await startApi(ledger.config);

    // Same request, keys in another order: the same request all the same.
    const retried = await post('retry-1', {
      notice: consent.notice,
      source: consent.source,
      channels: ['email'],
      purpose: 'prospecting',
    });
    expect(retried.status).toBe(201);
    expect(await retried.json()).toEqual(firstAck);
    expect(await topicRecordCount(ledger.config)).toBe(before + 1);
    const events = await readAllEvents(ledger.config);
    expect(events.filter((e) => e.id === firstAck.eventId)).toHaveLength(1);
  });

  it('refuses the same key with a different body with a 422 problem, appending nothing', async () => {
    expect((await post('retry-2', consent)).status).toBe(201);
    const before = await topicRecordCount(ledger.config);
    const reused = await post('retry-2', { ...consent, channels: ['sms'] });
    expect(reused.status).toBe(422);
    expect(((await reused.json()) as { type: string }).type).toBe(
      'urn:consent-ledger:problem:idempotency-key-reused',
    );
    expect(await topicRecordCount(ledger.config)).toBe(before);
  });

  it('appends once when the same request races itself', async () => {
    const before = await topicRecordCount(ledger.config);
    const answers = await Promise.all(Array.from({ length: 5 }, () => post('race-1', consent)));
    const acks = await Promise.all(answers.map((r) => r.json() as Promise<{ eventId: string }>));
    expect(answers.map((r) => r.status)).toEqual([201, 201, 201, 201, 201]);
    expect(new Set(acks.map((a) => a.eventId)).size).toBe(1);
    expect(await topicRecordCount(ledger.config)).toBe(before + 1);
  });

  it('keeps keys apart per API client', async () => {
    const created = await fetch(`${ledger.api.url}/v1/api-keys`, {
      method: 'POST',
      headers: adminHeaders(),
      body: JSON.stringify({ name: 'other-client', scopes: ['events:write'] }),
    });
    const { apiKey } = (await created.json()) as { apiKey: string };
    const mine = (await (await post('shared-key', consent)).json()) as { eventId: string };
    const theirs = await post(
      'shared-key',
      { ...consent, channels: ['post'] },
      {
        authorization: `Bearer ${apiKey}`,
        'content-type': 'application/json',
      },
    );
    expect(theirs.status).toBe(201);
    expect(((await theirs.json()) as { eventId: string }).eventId).not.toBe(mine.eventId);
  });
});
