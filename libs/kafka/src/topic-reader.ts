import type { Kafka, KafkaMessage } from 'kafkajs';
import { lastOffsets } from './topic-offsets';

/**
 * Reads a topic from its first record up to the last offsets it held when the read began (per
 * partition), batch by batch in offset order, with a throwaway consumer group deleted afterwards:
 * later records are left for the next read, and nothing is committed anywhere that matters.
 */
export async function readTopicToEnd(
  kafka: Kafka,
  topic: string,
  onBatch: (partition: number, messages: KafkaMessage[]) => void | Promise<void>,
  options: { ends?: Map<number, number>; groupPrefix?: string } = {},
): Promise<Map<number, number>> {
  const ends = options.ends ?? (await lastOffsets(kafka, topic));
  if (ends.size === 0) return ends;
  const groupId = `${options.groupPrefix ?? 'ledger-reader'}.${Date.now()}.${Math.random().toString(36).slice(2)}`;
  const consumer = kafka.consumer({ groupId, allowAutoTopicCreation: false, maxBytes: 50 * 1024 * 1024 });
  const remaining = new Set(ends.keys());
  try {
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    await new Promise<void>((resolve, reject) => {
      consumer
        .run({
          autoCommit: false,
          eachBatch: async ({ batch }) => {
            const end = ends.get(batch.partition);
            if (end === undefined || !remaining.has(batch.partition)) return;
            const messages = batch.messages.filter((message) => Number(message.offset) <= end);
            try {
              if (messages.length > 0) await onBatch(batch.partition, messages);
            } catch (error) {
              reject(error);
              return;
            }
            if (messages.length < batch.messages.length || Number(batch.lastOffset()) >= end) {
              remaining.delete(batch.partition);
              if (remaining.size === 0) resolve();
            }
          },
        })
        .catch(reject);
    });
  } finally {
    await consumer.disconnect();
    const admin = kafka.admin();
    await admin.connect();
    await admin.deleteGroups([groupId]).catch(() => undefined);
    await admin.disconnect();
  }
  return ends;
}
