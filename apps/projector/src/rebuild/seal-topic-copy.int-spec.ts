import { decodeEvent, deriveKeys, encodeEvent, PersonalDataVault } from '@ledger/contracts';
import { giveConsent, openPersonalData, registerSubject, type LedgerEvent } from '@ledger/domain';
import { createKafka, deadLetterTopicOf, ensureEventsTopic } from '@ledger/kafka';
import { createMongoConnection, MongoDataKeyStore, type MongoConnection } from '@ledger/mongo';
import { readAllEvents, readRawRecords } from '../../../../test/support/event-log-reader';
import { dropTestResources, testConfig } from '../../../../test/support/test-ledger';
import { sealTopicCopy } from './seal-topic-copy';

const config = testConfig('seal-copy');
const target = `${config.kafka.eventsTopic}.sealed`;
const at = '2026-01-01T00:00:00.000Z';
const provenance = (subjectId: string) => ({
  subjectId,
  actor: { type: 'subject' as const },
  source: { collectionPoint: 'legacy', method: 'import' as const, client: 'legacy' },
});
/** A log as the ledger wrote it before sealing: identifiers and proofs in clear. */
const legacy: LedgerEvent[] = [
  registerSubject(
    {
      ...provenance('kept'),
      kind: 'prospect',
      identifiers: { emails: ['kept@example.fr'], phones: ['+33611111111'], memberNumber: 'MK-1' },
    },
    { eventId: 'l-1', now: at },
  ),
  giveConsent(
    {
      ...provenance('kept'),
      purpose: 'prospecting',
      channels: ['email'],
      notice: { id: 'n', version: '1' },
      proof: { type: 'email_archive', ref: 'inbox/kept@example.fr' },
    },
    { eventId: 'l-2', now: at },
  ),
  registerSubject(
    { ...provenance('gone'), kind: 'prospect', identifiers: { emails: ['gone@example.fr'], phones: [] } },
    { eventId: 'l-3', now: at },
  ),
];

describe('the one-off re-key copy of a log written before sealing (npm run seal-topic)', () => {
  let mongo: MongoConnection;
  beforeAll(async () => {
    mongo = createMongoConnection(config.mongo);
    const kafka = createKafka(config.kafka);
    await ensureEventsTopic(kafka, { topic: config.kafka.eventsTopic, partitions: 3 });
    const producer = kafka.producer();
    await producer.connect();
    const messages = legacy.map((event) => {
      const wire = encodeEvent(event);
      return { key: wire.key, value: wire.value, headers: wire.headers };
    });
    await producer.send({ topic: config.kafka.eventsTopic, messages });
    await producer.send({
      topic: config.kafka.eventsTopic,
      messages: [{ key: 'junk', value: 'not an event' }],
    });
    await producer.disconnect();
    // `gone` was erased after the log was written: their key exists only as a tombstone.
    await new MongoDataKeyStore(mongo.db).destroy('gone', at);
  });
  afterAll(async () => {
    const admin = createKafka(config.kafka).admin();
    await admin.connect();
    await admin.deleteTopics({ topics: [target, deadLetterTopicOf(target)] }).catch(() => undefined);
    await admin.disconnect();
    await mongo.client.close();
    await dropTestResources(config);
  });

  it('copies every event in order with personal values sealed; an erased person’s stay unreadable', async () => {
    const result = await sealTopicCopy(config, mongo, target);
    expect(result).toEqual({ copied: 3, sealed: 3, undecodable: 1 });

    const raw = (await readRawRecords(config, target)).join('\n');
    for (const value of ['kept@example.fr', '+33611111111', 'MK-1', 'gone@example.fr']) {
      expect(raw).not.toContain(value);
    }
    const copied = await readAllEvents({ ...config, kafka: { ...config.kafka, eventsTopic: target } });
    expect(copied.map((event) => event.id).sort()).toEqual(['l-1', 'l-2', 'l-3']);
    const vault = new PersonalDataVault(
      new MongoDataKeyStore(mongo.db),
      deriveKeys(config.masterKey!).wrapping,
    );
    const opened = await Promise.all(copied.map((event) => openPersonalData(event, vault)));
    const byId = new Map(opened.map((event) => [event.id, event]));
    expect(byId.get('l-1')).toMatchObject({
      data: {
        identifiers: { emails: ['kept@example.fr'], phones: ['+33611111111'], memberNumber: 'MK-1' },
        identifierKeys: { emails: [expect.stringMatching(/^[0-9a-f]{64}$/)] },
      },
    });
    expect(byId.get('l-2')?.proof).toEqual({ type: 'email_archive', ref: 'inbox/kept@example.fr' });
    expect(byId.get('l-3')).toMatchObject({
      personalData: 'erased',
      data: { identifiers: { emails: [null] } },
    });
    const dead = await readRawRecords(config, deadLetterTopicOf(target));
    expect(dead).toEqual([expect.stringContaining('not an event')]);
    // The copy is decodable as a whole: the projector reads it like any log.
    expect(() => copied.forEach((event) => decodeEvent(encodeEvent(event)))).not.toThrow();
  });

  it('refuses to copy into a topic that already holds records', async () => {
    await expect(sealTopicCopy(config, mongo, target)).rejects.toThrow(/already holds records/);
  });
});
