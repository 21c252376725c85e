import { adminHeaders, useLedger, type ApiAnswer } from '../support/test-ledger';

/** Every consent names the notice shown (policy 2026-11-29, issue 13 finding 1). */
const NOTICE = { id: 'prospecting-notice', version: '2026-01' };

const source = { collectionPoint: 'e2e', method: 'web_form' };

describe('reads include every restrictive write acknowledged before them, and honour consistentWith and consistency', () => {
  const ledger = useLedger('read_your_writes', { projector: true });

  const write = async (subjectId: string, path: string) => {
    const response = await fetch(`${ledger.api.url}/v1/subjects/${subjectId}/${path}`, {
      method: 'POST',
      headers: adminHeaders(),
      body: JSON.stringify({ purpose: 'prospecting', channels: ['email'], source, notice: NOTICE }),
    });
    expect(response.status).toBe(201);
    return (await response.json()) as { eventId: string; position: string };
  };

  it('answers a history read right after a write: any write at consistency=full, a restrictive one at once', async () => {
    const history = async (query: string) => {
      const response = await fetch(`${ledger.api.url}/v1/subjects/ryw-1/history${query}`, {
        headers: adminHeaders(),
      });
      expect(response.status).toBe(200);
      const body = (await response.json()) as {
        events: Array<{ id: string }>;
        consistency: { level: string; position: string | null };
      };
      return { ids: body.events.map((e) => e.id), consistency: body.consistency };
    };
    const consent = await write('ryw-1', 'consents');
    expect(await history('?consistency=full')).toEqual({
      ids: [consent.eventId],
      consistency: { level: 'full', position: consent.position },
    });
    // A withdrawal is restrictive: no token is needed for it (nor for what came before it).
    const withdrawal = await write('ryw-1', 'consent-withdrawals');
    expect(await history('')).toEqual({
      ids: [consent.eventId, withdrawal.eventId],
      consistency: { level: 'minimize_latency', position: withdrawal.position },
    });
  });

  it('takes several tokens as repeated query parameters on GET, and on the batch', async () => {
    const first = await write('ryw-2', 'consents');
    const second = await write('ryw-3', 'consents');
    const query = `consistentWith=${first.position}&consistentWith=${second.position}`;
    const state = await fetch(`${ledger.api.url}/v1/subjects/ryw-2?${query}`, { headers: adminHeaders() });
    expect(state.status).toBe(200);
    const history = await fetch(`${ledger.api.url}/v1/subjects/ryw-3/history?${query}`, {
      headers: adminHeaders(),
    });
    expect(history.status).toBe(200);
    const batch = await fetch(
      `${ledger.api.url}/v1/decisions/batch?purpose=prospecting&channel=email&consistentWith=${second.position}`,
      {
        method: 'POST',
        headers: { ...adminHeaders(), 'content-type': 'application/x-ndjson' },
        body: '{"subjectId":"ryw-2"}\n{"subjectId":"ryw-3"}\n',
      },
    );
    expect(batch.status).toBe(200);
    const answers = (await batch.text())
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { allowed: boolean });
    expect(answers.map((a) => a.allowed)).toEqual([true, true]);
    const bad = await fetch(`${ledger.api.url}/v1/subjects/ryw-2?consistentWith=nope`, {
      headers: adminHeaders(),
    });
    expect(bad.status).toBe(400);
  });

  it('says in every decision the level it was given at and the position it used; refuses levels that contradict the tokens', async () => {
    const consent = await write('ryw-5', 'consents');
    const decide = (extra: Record<string, unknown>) =>
      fetch(`${ledger.api.url}/v1/decisions`, {
        method: 'POST',
        headers: adminHeaders(),
        body: JSON.stringify({
          subject: { subjectId: 'ryw-5' },
          purpose: 'prospecting',
          channel: 'email',
          ...extra,
        }),
      }).then(async (response) => ({
        status: response.status,
        body: (await response.json()) as ApiAnswer['body'],
      }));
    const fresh = await decide({ consistentWith: consent.position });
    expect(fresh).toMatchObject({
      status: 200,
      body: { allowed: true, consistency: { level: 'at_least_as_fresh', position: consent.position } },
    });
    expect((await decide({ consistency: 'full' })).body.consistency).toEqual({
      level: 'full',
      position: consent.position,
    });
    expect((await decide({})).body.consistency.level).toBe('minimize_latency');
    const unknown = await fetch(`${ledger.api.url}/v1/decisions`, {
      method: 'POST',
      headers: adminHeaders(),
      body: JSON.stringify({ subject: { subjectId: 'ryw-never' }, purpose: 'prospecting', channel: 'email' }),
    });
    expect(((await unknown.json()) as { consistency: unknown }).consistency).toEqual({
      level: 'minimize_latency',
      position: null,
    });
    for (const [extra, field] of [
      [{ consistency: 'at_least_as_fresh' }, 'consistentWith'],
      [{ consistency: 'minimize_latency', consistentWith: consent.position }, 'consistency'],
      [{ consistency: 'eventual' }, 'consistency'],
    ] as const) {
      const refused = await decide(extra);
      expect(refused.status).toBe(400);
      expect(refused.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    }
  });

  it('takes a list of tokens in a decision body; a withdrawal counts as soon as it is acknowledged', async () => {
    const consent = await write('ryw-4', 'consents');
    const withdrawal = await write('ryw-4', 'consent-withdrawals');
    const response = await fetch(`${ledger.api.url}/v1/decisions`, {
      method: 'POST',
      headers: adminHeaders(),
      body: JSON.stringify({
        subject: { subjectId: 'ryw-4' },
        purpose: 'prospecting',
        channel: 'email',
        consistentWith: [consent.position, withdrawal.position],
      }),
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ allowed: false, reason: 'consent_withdrawn' });
  });
});
