import { createKafka, deadLetterTopicOf, ensureEventsTopic } from '@ledger/kafka';
import { adminHeaders, eventually, useLedger } from '../support/test-ledger';

describe('the dead-letter topic', () => {
  const ledger = useLedger('dead_letter', { projector: true });

  it('receives an undecodable record with the reason, and consumption goes on', async () => {
    const kafka = createKafka(ledger.config.kafka);
    await ensureEventsTopic(kafka, { topic: ledger.config.kafka.eventsTopic, partitions: 3 });
    const producer = kafka.producer();
    await producer.connect();
    await producer.send({
      topic: ledger.config.kafka.eventsTopic,
      messages: [
        {
          key: 'dl-1',
          value: '{"kind":"member"}',
          headers: { ce_specversion: '1.0', ce_type: 'eu.consent-ledger.subject-registered.v99' },
        },
        { key: 'dl-1', value: 'not json at all' },
      ],
    });
    await producer.disconnect();
    // A valid write for the same subject, after the bad ones: it must still be projected.
    const written = await fetch(`${ledger.api.url}/v1/subjects/dl-1/oppositions`, {
      method: 'POST',
      headers: adminHeaders(),
      body: JSON.stringify({
        purpose: 'profiling',
        channels: ['email'],
        source: { collectionPoint: 'x', method: 'api' },
      }),
    });
    expect(written.status).toBe(201);

    const consumer = kafka.consumer({ groupId: `dlq-reader-${Date.now()}` });
    await consumer.connect();
    await consumer.subscribe({
      topic: deadLetterTopicOf(ledger.config.kafka.eventsTopic),
      fromBeginning: true,
    });
    const dead: Array<Record<string, string>> = [];
    void consumer.run({
      eachMessage: async ({ message }) => {
        dead.push(Object.fromEntries(Object.entries(message.headers ?? {}).map(([k, v]) => [k, String(v)])));
      },
    });
    await eventually(async () => (dead.length >= 2 ? true : undefined));
    await consumer.disconnect();
    expect(dead.map((h) => h['dlq-reason']).sort()).toEqual([
      'unknown event type or version eu.consent-ledger.subject-registered.v99',
      'unsupported ce_specversion undefined',
    ]);
    expect(dead[0]).toMatchObject({
      'dlq-source-topic': ledger.config.kafka.eventsTopic,
      'dlq-source-partition': expect.any(String),
    });

    const history = await fetch(`${ledger.api.url}/v1/subjects/dl-1/history`, { headers: adminHeaders() });
    expect(((await history.json()) as { events: Array<{ type: string }> }).events.map((e) => e.type)).toEqual(
      ['OppositionRegistered'],
    );
  });
});
