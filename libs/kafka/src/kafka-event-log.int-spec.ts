import { ConfigResourceTypes, type Kafka } from 'kafkajs';
import { decodeEvent } from '@ledger/contracts';
import { registerSubject, type LedgerEvent } from '@ledger/domain';
import { dropTestResources, testConfig } from '@ledger/testing';
import { createKafka } from './kafka-client';
import { KafkaEventConsumer, type ConsumedEvent } from './kafka-event-consumer';
import { KafkaEventLog } from './kafka-event-log';
import { ensureEventsTopic } from './events-topic';
import { withRetries } from './retry';

const config = testConfig('kafka_log');

const event = (n: number, subjectId: string): LedgerEvent =>
  registerSubject(
    {
      subjectId,
      kind: 'prospect',
      actor: { type: 'system' },
      source: { collectionPoint: 'test', method: 'api', client: 'int-test' },
      identifiers: { emails: [], phones: [] },
    },
    { eventId: `00000000-0000-7000-8000-${String(n).padStart(12, '0')}`, now: '2026-05-01T10:00:00.000Z' },
  );

describe('kafkajs against the real Kafka 4.x broker', () => {
  let kafka: Kafka;
  let log: KafkaEventLog;

  beforeAll(async () => {
    kafka = createKafka(config.kafka);
    await ensureEventsTopic(kafka, { topic: config.kafka.eventsTopic, partitions: 3 });
    log = new KafkaEventLog(kafka, config.kafka.eventsTopic);
    await log.connect();
  });

  afterAll(async () => {
    await log.disconnect();
    await dropTestResources(config);
  });

  it('creates the events topic with explicit partitions, infinite retention and no compaction', async () => {
    const admin = kafka.admin();
    await admin.connect();
    try {
      // A second call must leave the existing topic alone.
      await ensureEventsTopic(kafka, { topic: config.kafka.eventsTopic, partitions: 3 });
      const [metadata] = (await admin.fetchTopicMetadata({ topics: [config.kafka.eventsTopic] })).topics;
      expect(metadata.partitions).toHaveLength(3);
      const described = await admin.describeConfigs({
        includeSynonyms: false,
        resources: [{ type: ConfigResourceTypes.TOPIC, name: config.kafka.eventsTopic }],
      });
      const entries = Object.fromEntries(
        described.resources[0].configEntries.map((entry) => [entry.configName, entry.configValue]),
      );
      expect(entries).toMatchObject({
        'cleanup.policy': 'delete',
        'retention.ms': '-1',
        'retention.bytes': '-1',
        // One broker here: one replica, one in sync (3 and 2 on a cluster of three).
        'min.insync.replicas': '1',
      });
    } finally {
      await admin.disconnect();
    }
  });

  it('refuses, at once and saying what to change, an existing topic whose retention would lose history', async () => {
    const topic = `${config.kafka.eventsTopic}.short`;
    const admin = kafka.admin();
    await admin.connect();
    try {
      await admin.createTopics({
        waitForLeaders: true,
        topics: [{ topic, numPartitions: 1, configEntries: [{ name: 'retention.ms', value: '604800000' }] }],
      });
      const started = Date.now();
      const refusal = withRetries('creating the topic', () =>
        ensureEventsTopic(kafka, { topic, partitions: 1 }),
      );
      await expect(refusal).rejects.toThrow(/retention\.ms=604800000.*kafka-configs --alter/);
      expect(Date.now() - started).toBeLessThan(5000); // not retried for two minutes
    } finally {
      await admin.deleteTopics({ topics: [topic] }).catch(() => undefined);
      await admin.disconnect();
    }
  });

  it('refuses a replication factor the cluster cannot give', async () => {
    const topic = `${config.kafka.eventsTopic}.replicas`;
    await expect(ensureEventsTopic(kafka, { topic, partitions: 1, replicationFactor: 3 })).rejects.toThrow(
      /REPLICATION_FACTOR is 3 but the cluster has 1 broker/,
    );
  });

  it('appends with acks=all and a separate consumer group reads exactly those events, in per-subject order', async () => {
    const written = [
      event(1, 'alice'),
      event(2, 'bob'),
      event(3, 'alice'),
      event(4, 'carol'),
      event(5, 'alice'),
    ];
    const positions = [];
    for (const e of written) positions.push(await log.append(e));
    // Same key, same partition; offsets grow in append order.
    const alice = positions.filter((_, i) => written[i].subjectId === 'alice');
    expect(new Set(alice.map((p) => p.partition)).size).toBe(1);
    expect(alice.map((p) => Number(p.offset))).toEqual(
      [...alice.map((p) => Number(p.offset))].sort((a, b) => a - b),
    );

    const consumer = new KafkaEventConsumer(kafka, {
      topic: config.kafka.eventsTopic,
      groupId: `${config.kafka.projectorGroupId}.reader`,
      fromBeginning: true,
    });
    const seen: ConsumedEvent[] = [];
    const done = new Promise<void>((resolve) => {
      void consumer.start({
        handleBatch: async (events) => {
          seen.push(...events);
          if (seen.length >= written.length) resolve();
        },
      });
    });
    await done;
    await consumer.stop();

    expect(seen.map((s) => s.event).sort((a, b) => a.id.localeCompare(b.id))).toEqual(written);
    expect(seen.filter((s) => s.event.subjectId === 'alice').map((s) => s.event.id)).toEqual(
      written.filter((e) => e.subjectId === 'alice').map((e) => e.id),
    );
    for (const { event: e, position } of seen) {
      expect(position).toEqual(positions[written.findIndex((w) => w.id === e.id)]);
    }
  });

  it('gives appends sent together, many to a request, each the position its record really has', async () => {
    const written = Array.from({ length: 300 }, (_, i) => event(1000 + i, `batched-${i % 7}`));
    // All at once: while one request is in flight the rest queue and go together in the next.
    const positions = await Promise.all(written.map((e) => log.append(e)));
    expect(new Set(positions.map((p) => `${p.partition}:${p.offset}`)).size).toBe(written.length);
    const consumer = new KafkaEventConsumer(kafka, {
      topic: config.kafka.eventsTopic,
      groupId: `${config.kafka.projectorGroupId}.batched`,
      fromBeginning: true,
    });
    const seen = new Map<string, ConsumedEvent>();
    await new Promise<void>((resolve) => {
      void consumer.start({
        handleBatch: async (events) => {
          for (const consumed of events) seen.set(consumed.event.id, consumed);
          if (written.every((e) => seen.has(e.id))) resolve();
        },
      });
    });
    await consumer.stop();
    expect(written.map((e) => seen.get(e.id)?.position)).toEqual(positions);
  });

  it('writes CloudEvents a plain consumer can read from headers alone', async () => {
    const position = await log.append(event(6, 'dave'));
    const consumer = kafka.consumer({ groupId: `${config.kafka.projectorGroupId}.plain` });
    await consumer.connect();
    await consumer.subscribe({ topic: config.kafka.eventsTopic, fromBeginning: true });
    const raw = await new Promise<{ headers: Record<string, string>; key: string; value: Buffer | null }>(
      (resolve) => {
        void consumer.run({
          eachMessage: async ({ partition, message }) => {
            if (partition !== position.partition || message.offset !== position.offset) return;
            const headers = Object.fromEntries(
              Object.entries(message.headers ?? {}).map(([k, v]) => [k, String(v)]),
            );
            resolve({ headers, key: String(message.key), value: message.value });
          },
        });
      },
    );
    await consumer.disconnect();
    expect(raw.key).toBe('dave');
    expect(raw.headers).toMatchObject({
      ce_specversion: '1.0',
      ce_type: 'eu.consent-ledger.subject-registered.v3',
      ce_subject: 'dave',
      'content-type': 'application/json',
    });
    expect(decodeEvent(raw)).toEqual(event(6, 'dave'));
  });
});
