import { MongoClient } from 'mongodb';
import { deadLetterTopicOf } from '@ledger/kafka';
import { readRawRecords } from '../support/event-log-reader';
import { adminCaller, useLedger } from '../support/test-ledger';

const EMAIL = 'marie.dupont@example.fr';
const PHONE = '+33612345678';
const MEMBER = 'MB-778899';
/** How each value could be written anywhere: as given, normalised, or its local part alone. */
const TRACES = [EMAIL, 'marie.dupont', PHONE, '0612345678', '612345678', MEMBER];

describe('erasure by crypto-shredding; suppression outlives it (issue 14, acceptance 1 and 2)', () => {
  const ledger = useLedger('erasure', { projector: true });
  const call = adminCaller(ledger);
  const source = { collectionPoint: 'e2e', method: 'web_form' };
  const decide = (subject: Record<string, string>, channel: string, consistentWith?: string) =>
    call('POST', '/v1/decisions', {
      subject,
      purpose: 'prospecting',
      channel,
      ...(consistentWith ? { consistentWith } : {}),
    });

  /** Every document of every collection, and every record of the topic and its dead letters, as text. */
  const everythingStored = async (): Promise<Array<{ where: string; text: string }>> => {
    const client = new MongoClient(ledger.config.mongo.uri);
    try {
      const db = client.db(ledger.config.mongo.database);
      const found: Array<{ where: string; text: string }> = [];
      for (const { name } of await db.listCollections({}, { nameOnly: true }).toArray()) {
        for (const doc of await db.collection(name).find({}).toArray()) {
          found.push({ where: `mongo ${name}`, text: JSON.stringify(doc) });
        }
      }
      for (const topic of [
        ledger.config.kafka.eventsTopic,
        deadLetterTopicOf(ledger.config.kafka.eventsTopic),
      ]) {
        for (const record of await readRawRecords(ledger.config, topic))
          found.push({ where: `kafka ${topic}`, text: record });
      }
      return found;
    } finally {
      await client.close();
    }
  };
  const tracesIn = (stored: Array<{ where: string; text: string }>) =>
    stored.flatMap(({ where, text }) =>
      TRACES.filter((trace) => text.includes(trace)).map((trace) => `${trace} in ${where}`),
    );

  it('after an erasure no email, phone or member number is readable anywhere; the events still list, ids intact', async () => {
    const registered = await call('PUT', '/v1/subjects/er-marie', {
      kind: 'prospect',
      identifiers: { emails: [EMAIL], phones: ['06 12 34 56 78'], memberNumber: MEMBER },
    });
    expect(registered.status).toBe(200);
    expect(
      (
        await call('POST', '/v1/subjects/er-marie/oppositions', {
          purpose: 'prospecting',
          channels: ['phone'],
          source,
        })
      ).status,
    ).toBe(201);
    const consent = await call('POST', '/v1/subjects/er-marie/consents', {
      purpose: 'prospecting',
      channels: ['email'],
      source,
      notice: { id: 'prospecting-notice', version: '2026-11' },
      proof: { type: 'email_archive', ref: `mailbox/${EMAIL}/42` },
    });
    expect(consent.status).toBe(201);
    const request = await call('POST', '/v1/rights-requests', {
      subject: { subjectId: 'er-marie' },
      type: 'erasure',
      channel: 'email',
      receivedAt: new Date().toISOString(),
    });
    expect(request.status).toBe(201);
    const extended = await call('POST', `/v1/rights-requests/${request.body.requestId}/extension`, {
      reason: `identity to confirm: the letter came from ${EMAIL}, not the address on file`,
    });
    expect(extended.status).toBe(201);

    // Before: found by email, values readable by the DPO, and in no store in clear.
    expect((await decide({ email: EMAIL }, 'email', consent.body.position)).body).toMatchObject({
      allowed: true,
    });
    const before = await call('GET', '/v1/subjects/er-marie/history');
    expect(before.body.events[0].data.identifiers).toEqual({
      emails: [EMAIL],
      phones: [PHONE],
      memberNumber: MEMBER,
    });
    expect(tracesIn(await everythingStored())).toEqual([]);

    const completed = await call('POST', `/v1/rights-requests/${request.body.requestId}/completion`, {});
    expect(completed).toMatchObject({
      status: 201,
      body: { status: 'completed', erasure: { erasedAt: expect.any(String) } },
    });

    expect(tracesIn(await everythingStored())).toEqual([]);
    const after = await call('GET', '/v1/subjects/er-marie/history');
    const ids = (page: Record<string, any>) => page.events.map((event: { id: string }) => event.id); // eslint-disable-line @typescript-eslint/no-explicit-any
    expect(ids(after.body)).toEqual([
      ...ids(before.body),
      completed.body.eventId,
      completed.body.erasure.eventId,
    ]);
    expect(after.body.events.at(-1).type).toBe('SubjectErased');
    expect(after.body.events[0]).toMatchObject({
      personalData: 'erased',
      data: { identifiers: { emails: [null], phones: [null], memberNumber: null } },
    });
    expect((await decide({ subjectId: 'er-marie' }, 'email')).body).toMatchObject({
      allowed: false,
      reason: 'subject_erased',
    });
    expect((await decide({ email: EMAIL }, 'email')).body).toMatchObject({
      allowed: false,
      reason: 'consent_missing',
    });
    const more = await call('POST', '/v1/subjects/er-marie/consents', {
      purpose: 'prospecting',
      channels: ['email'],
      source,
      notice: { id: 'prospecting-notice', version: '2026-11' },
    });
    expect(more).toMatchObject({ status: 410, body: { type: 'urn:consent-ledger:problem:subject-erased' } });
    // Completing again finishes nothing twice.
    const again = await call('POST', `/v1/rights-requests/${request.body.requestId}/completion`, {});
    expect(again.body.erasure?.eventId).toBeUndefined();

    // Acceptance 2: the same email and phone back under a new subject: the opposition holds.
    const back = await call('PUT', '/v1/subjects/er-back', {
      kind: 'prospect',
      identifiers: { emails: [EMAIL], phones: [PHONE] },
    });
    expect(back.status).toBe(200);
    expect((await decide({ email: EMAIL }, 'phone', back.body.position)).body).toMatchObject({
      allowed: false,
      reason: 'opposed',
    });
    expect((await decide({ phone: PHONE }, 'phone')).body).toMatchObject({
      allowed: false,
      reason: 'opposed',
    });
    // What was not opposed is the new person's to choose.
    expect((await decide({ subjectId: 'er-back' }, 'email')).body).toMatchObject({
      reason: 'consent_missing',
    });
  });
});
