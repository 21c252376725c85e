import { topicRecordCount } from '../support/event-log-reader';
import { adminHeaders, useLedger } from '../support/test-ledger';

describe('identifiers link to one subject only', () => {
  const ledger = useLedger('identifiers', { projector: true });

  const register = (subjectId: string, identifiers: unknown, consistentWith?: string) =>
    fetch(`${ledger.api.url}/v1/subjects/${subjectId}`, {
      method: 'PUT',
      headers: adminHeaders(),
      body: JSON.stringify({ kind: 'prospect', identifiers, consistentWith }),
    });
  const positionOf = async (response: Response) => {
    expect(response.status).toBe(200);
    return ((await response.json()) as { position: string }).position;
  };

  it('answers 409 when an identifier, however written, already belongs to another subject', async () => {
    const alice = await positionOf(
      await register('alice', { emails: ['alice@example.fr'], phones: ['06 12 34 56 78'] }),
    );
    // Written right after: naming the earlier write makes the check wait for it, not miss it.
    const before = await topicRecordCount(ledger.config);
    const clash = await register('mallory', { emails: ['  ALICE@example.fr'], phones: [] }, alice);
    expect(clash.status).toBe(409);
    expect(await clash.json()).toMatchObject({
      type: 'urn:consent-ledger:problem:conflict',
      identifiers: ['identifiers.emails.0'],
    });
    const phoneClash = await register('mallory', { phones: ['+33 6 12 34 56 78'] });
    expect(phoneClash.status).toBe(409);
    expect(await topicRecordCount(ledger.config)).toBe(before);
  });

  it('lets the same subject restate its own identifiers', async () => {
    expect((await register('bob', { emails: ['bob@example.fr'] })).status).toBe(200);
    expect((await register('bob', { emails: ['bob@example.fr', 'robert@example.fr'] })).status).toBe(200);
  });

  const decideByEmail = async (email: string) =>
    fetch(`${ledger.api.url}/v1/decisions`, {
      method: 'POST',
      headers: adminHeaders(),
      body: JSON.stringify({ subject: { email }, purpose: 'fraud_detection', channel: 'email' }),
    });
  const state = async (subjectId: string) =>
    (await (
      await fetch(`${ledger.api.url}/v1/subjects/${subjectId}`, { headers: adminHeaders() })
    ).json()) as { identifiers: { emails: string[] } };

  it('frees the identifiers a re-registration no longer lists, for another subject to take', async () => {
    expect((await register('carol', { emails: ['carol@example.fr', 'old-carol@example.fr'] })).status).toBe(
      200,
    );
    const freed = await positionOf(await register('carol', { emails: ['carol@example.fr'] }));
    expect((await state('carol')).identifiers.emails).toEqual(['carol@example.fr']);
    // The freed address now belongs to nobody, and can be registered by someone else.
    expect((await register('dave', { emails: ['old-carol@example.fr'] }, freed)).status).toBe(200);
    expect((await state('dave')).identifiers.emails).toEqual(['old-carol@example.fr']);
    expect((await decideByEmail('old-carol@example.fr')).status).toBe(200);
  });

  it('checks the index as projected, and the projector keeps an identifier claimed twice in flight with its first owner', async () => {
    const first = await positionOf(await register('erin', { emails: ['erin@example.fr'] }));
    // Not waiting for the read side: accepted or refused by what the index shows right now, but
    // never linked twice.
    const second = await register('frank', { emails: ['erin@example.fr'] });
    expect([200, 409]).toContain(second.status);
    const stateOf = async (subjectId: string) =>
      (await (
        await fetch(`${ledger.api.url}/v1/subjects/${subjectId}?consistentWith=${first}`, {
          headers: adminHeaders(),
        })
      ).json()) as { identifiers?: { emails: string[] } };
    expect((await stateOf('erin')).identifiers?.emails).toEqual(['erin@example.fr']);
    if (second.status === 200) expect((await stateOf('frank')).identifiers?.emails).toEqual([]);
    expect((await register('frank', { emails: ['erin@example.fr'] }, first)).status).toBe(409);
  });

  it('two racing registrations of one email end with one owner, in the index and in the records', async () => {
    const results = await Promise.all(
      Array.from({ length: 6 }, (_, i) => register(`racer-${i}`, { emails: ['race@example.fr'] })),
    );
    expect(results.filter((r) => r.status === 200).length).toBeGreaterThan(0);
    const owners: string[] = [];
    for (let i = 0; i < 6; i++) {
      const response = await fetch(`${ledger.api.url}/v1/subjects/racer-${i}`, { headers: adminHeaders() });
      if (response.status !== 200) continue;
      const body = (await response.json()) as { identifiers: { emails: string[] } };
      if (body.identifiers.emails.includes('race@example.fr')) owners.push(`racer-${i}`);
    }
    expect(owners).toHaveLength(1);
    // The index names the same owner: a 409 for anyone else, none for the owner.
    expect((await register(owners[0], { emails: ['race@example.fr'] })).status).toBe(200);
    const other = owners[0] === 'racer-0' ? 'racer-1' : 'racer-0';
    expect((await register(other, { emails: ['race@example.fr'] })).status).toBe(409);
  });

  it('shows identifiers in clear only to keys with rights:manage, masked to a decisions:read key', async () => {
    await positionOf(
      await register('grace', { emails: ['grace.hopper@example.fr'], phones: ['06 11 22 33 44'] }),
    );
    const minted = await fetch(`${ledger.api.url}/v1/api-keys`, {
      method: 'POST',
      headers: adminHeaders(),
      body: JSON.stringify({ name: 'support-desk', scopes: ['decisions:read'] }),
    });
    const { apiKey } = (await minted.json()) as { apiKey: string };
    const masked = (await (
      await fetch(`${ledger.api.url}/v1/subjects/grace`, { headers: { authorization: `Bearer ${apiKey}` } })
    ).json()) as { identifiers: { emails: string[]; phones: string[] }; identifiersMasked?: boolean };
    expect(masked.identifiersMasked).toBe(true);
    expect(masked.identifiers).toEqual({ emails: ['g***@example.fr'], phones: ['+33*******44'] });
    expect(JSON.stringify(masked)).not.toContain('grace.hopper');
    const clear = await state('grace');
    expect(clear.identifiers.emails).toEqual(['grace.hopper@example.fr']);
  });
});
