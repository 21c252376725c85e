import { MongoClient } from 'mongodb';
import { adminHeaders, appendAlternatingHistory, useLedger } from '../support/test-ledger';

const EVENTS = 150;
const HOUR = 3_600_000;
const START = Date.parse('2026-01-05T09:00:00.000Z');

describe('a subject with a long history', () => {
  const ledger = useLedger('long_history', { projector: true });
  const ids: string[] = [];

  beforeAll(async () => {
    // Consents and withdrawals alternating hourly: the last one (odd) is a withdrawal.
    ids.push(...(await appendAlternatingHistory(ledger.api.url, 'long-1', EVENTS, START)));
  });

  const decide = async (at?: string) => {
    const response = await fetch(`${ledger.api.url}/v1/decisions`, {
      method: 'POST',
      headers: adminHeaders(),
      body: JSON.stringify({
        subject: { subjectId: 'long-1' },
        purpose: 'prospecting',
        channel: 'email',
        ...(at ? { at } : {}),
      }),
    });
    expect(response.status).toBe(200);
    return (await response.json()) as { allowed: boolean; reason: string; evidence: string[] };
  };

  it('keeps a bounded document, and the whole history apart, in order', async () => {
    const history = await fetch(`${ledger.api.url}/v1/subjects/long-1/history`, { headers: adminHeaders() });
    expect(history.status).toBe(200);
    expect(((await history.json()) as { events: Array<{ id: string }> }).events.map((e) => e.id)).toEqual(
      ids,
    );
    const client = new MongoClient(ledger.config.mongo.uri);
    try {
      const document = await client
        .db(ledger.config.mongo.database)
        .collection<{ _id: string; retained: unknown[]; eventCount: number; completeFrom?: string }>(
          'subjects',
        )
        .findOne({ _id: 'long-1' });
      expect(document?.eventCount).toBe(EVENTS);
      expect(document?.retained.length).toBeLessThan(40);
      expect(Date.parse(document!.completeFrom!)).toBeGreaterThan(START + HOUR);
    } finally {
      await client.close();
    }
  });

  it('pages through the history: `next` until the last page, pages in log order, bad pages refused', async () => {
    const seen: string[] = [];
    const counts: number[] = [];
    let next: string | undefined = '/v1/subjects/long-1/history?limit=40';
    while (next) {
      const response = await fetch(`${ledger.api.url}${next}`, { headers: adminHeaders() });
      expect(response.status).toBe(200);
      const page = (await response.json()) as {
        eventCount: number;
        events: Array<{ id: string }>;
        next?: string;
      };
      expect(page.eventCount).toBe(EVENTS);
      counts.push(page.events.length);
      seen.push(...page.events.map((e) => e.id));
      next = page.next;
    }
    expect(counts).toEqual([40, 40, 40, 30]);
    expect(seen).toEqual(ids);
    const beyond = await fetch(`${ledger.api.url}/v1/subjects/long-1/history?from=${EVENTS}`, {
      headers: adminHeaders(),
    });
    expect(await beyond.json()).toMatchObject({ from: EVENTS, events: [] });
    for (const bad of ['limit=0', 'limit=1001', 'from=-1', 'from=two']) {
      const refused = await fetch(`${ledger.api.url}/v1/subjects/long-1/history?${bad}`, {
        headers: adminHeaders(),
      });
      expect(refused.status).toBe(400);
      expect(refused.headers.get('content-type')).toContain('application/problem+json');
    }
  });

  it('answers now from the document, and an early instant from the full history', async () => {
    expect(await decide()).toMatchObject({
      allowed: false,
      reason: 'consent_withdrawn',
      evidence: [ids[EVENTS - 1]],
    });
    // The events are dated from January but recorded now: as of an instant, the ledger answers
    // from what it had recorded by then (issue 13, finding 9), found in the full history.
    const history = await fetch(`${ledger.api.url}/v1/subjects/long-1/history?limit=4`, {
      headers: adminHeaders(),
    });
    const recordedAt = ((await history.json()) as { events: Array<{ recordedAt: string }> }).events.map(
      (e) => e.recordedAt,
    );
    // Once the first consent was recorded, before its withdrawal was: long let go by the document.
    expect(await decide(recordedAt[0])).toMatchObject({
      allowed: true,
      reason: 'consent_given',
      evidence: [ids[0]],
    });
    expect(await decide(recordedAt[3])).toMatchObject({
      allowed: false,
      reason: 'consent_withdrawn',
      evidence: [ids[3]],
    });
    // Half an hour after the first consent's date, nothing had been recorded yet.
    expect(await decide(new Date(START + HOUR / 2).toISOString())).toMatchObject({
      allowed: false,
      reason: 'consent_missing',
      evidence: [],
    });
  });
});
