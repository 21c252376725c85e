import { decodeEvent } from '@ledger/contracts';
import type { LedgerConfig } from '@ledger/config';
import type { LedgerEvent } from '@ledger/domain';
import { createKafka } from '@ledger/kafka';

/** How many records the events topic holds, over all partitions. */
export async function topicRecordCount(config: LedgerConfig): Promise<number> {
  const admin = createKafka(config.kafka).admin();
  await admin.connect();
  try {
    const offsets = await admin.fetchTopicOffsets(config.kafka.eventsTopic);
    return offsets.reduce((sum, { high, low }) => sum + Number(high) - Number(low), 0);
  } finally {
    await admin.disconnect();
  }
}

/** Reads the whole topic with a consumer group of its own and decodes every record. */
export async function readAllEvents(config: LedgerConfig): Promise<LedgerEvent[]> {
  const expected = await topicRecordCount(config);
  const consumer = createKafka(config.kafka).consumer({
    groupId: `reader.${Date.now()}.${Math.random().toString(36).slice(2)}`,
  });
  await consumer.connect();
  await consumer.subscribe({ topic: config.kafka.eventsTopic, fromBeginning: true });
  const events: LedgerEvent[] = [];
  try {
    await new Promise<void>((resolve, reject) => {
      if (expected === 0) resolve();
      consumer
        .run({
          eachMessage: async ({ message }) => {
            const headers = Object.fromEntries(
              Object.entries(message.headers ?? {}).map(([k, v]) => [k, v?.toString()]),
            );
            events.push(decodeEvent({ key: message.key?.toString() ?? null, value: message.value, headers }));
            if (events.length >= expected) resolve();
          },
        })
        .catch(reject);
    });
  } finally {
    await consumer.disconnect();
  }
  return events;
}
