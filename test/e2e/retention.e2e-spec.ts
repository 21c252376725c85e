import { adminCaller, useLedger } from '../support/test-ledger';

/** The API's clock: a prospect's three years run between two requests. */
let now = new Date('2023-12-14T10:00:00Z');

describe('prospects expire 3 years after their last own contact, at decision time (issue 14)', () => {
  const ledger = useLedger('retention', { projector: true, overrides: { clock: { now: () => now } } });
  const call = adminCaller(ledger);
  const source = { collectionPoint: 'e2e', method: 'web_form' };
  const decide = (subjectId: string, consistentWith: string) =>
    call('POST', '/v1/decisions', {
      subject: { subjectId },
      purpose: 'prospecting',
      channel: 'email',
      consistentWith,
    });

  it('a prospect who last contacted us 3 years and 1 day ago is expired; one who consented 2 years ago is not', async () => {
    now = new Date('2023-12-14T10:00:00Z');
    await call('PUT', '/v1/subjects/ret-silent', { kind: 'prospect' });
    const contact = await call('POST', '/v1/subjects/ret-silent/contacts', {
      channel: 'email',
      initiatedBy: 'subject',
    });
    expect(contact.status).toBe(201);
    now = new Date('2024-12-15T10:00:00Z');
    await call('PUT', '/v1/subjects/ret-consented', { kind: 'prospect' });
    const consent = await call('POST', '/v1/subjects/ret-consented/consents', {
      purpose: 'prospecting',
      channels: ['email'],
      source,
      notice: { id: 'prospecting-notice', version: '2024-01' },
    });
    expect(consent.status).toBe(201);

    now = new Date('2026-12-15T10:00:00Z');
    expect((await decide('ret-silent', contact.body.position)).body).toMatchObject({
      allowed: false,
      reason: 'subject_expired',
      evidence: [contact.body.eventId],
    });
    expect((await decide('ret-consented', consent.body.position)).body).toMatchObject({
      allowed: true,
      reason: 'consent_given',
    });
  });
});
