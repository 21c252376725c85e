import { topicRecordCount } from '../support/event-log-reader';
import { adminHeaders, useLedger } from '../support/test-ledger';

describe('identifiers link to one subject only', () => {
  const ledger = useLedger('identifiers', { projector: true });

  const register = (subjectId: string, identifiers: unknown) =>
    fetch(`${ledger.api.url}/v1/subjects/${subjectId}`, {
      method: 'PUT',
      headers: adminHeaders(),
      body: JSON.stringify({ kind: 'prospect', identifiers }),
    });

  it('answers 409 when an identifier, however written, already belongs to another subject', async () => {
    expect(
      (await register('alice', { emails: ['alice@example.fr'], phones: ['06 12 34 56 78'] })).status,
    ).toBe(200);
    // Written right after: the check waits for the projector to catch up instead of missing it.
    const before = await topicRecordCount(ledger.config);
    const clash = await register('mallory', { emails: ['  ALICE@example.fr'], phones: [] });
    expect(clash.status).toBe(409);
    expect(await clash.json()).toMatchObject({
      type: 'urn:consent-ledger:problem:conflict',
      identifiers: ['email:alice@example.fr'],
    });
    const phoneClash = await register('mallory', { phones: ['+33 6 12 34 56 78'] });
    expect(phoneClash.status).toBe(409);
    expect(await topicRecordCount(ledger.config)).toBe(before);
  });

  it('lets the same subject restate its own identifiers', async () => {
    expect((await register('bob', { emails: ['bob@example.fr'] })).status).toBe(200);
    expect((await register('bob', { emails: ['bob@example.fr', 'robert@example.fr'] })).status).toBe(200);
  });
});
