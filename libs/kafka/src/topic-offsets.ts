import type { Admin, Kafka } from 'kafkajs';

/**
 * The offset of the last record of each partition that holds any (high watermark − 1);
 * partitions with no record are left out. Used to wait until a read model has caught up.
 */
export async function lastOffsets(kafka: Kafka, topic: string): Promise<Map<number, number>> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    return await lastOffsetsWith(admin, topic);
  } finally {
    await admin.disconnect();
  }
}

/** The same with an admin client the caller keeps connected (one per process, not per call). */
export async function lastOffsetsWith(admin: Admin, topic: string): Promise<Map<number, number>> {
  const offsets = await admin.fetchTopicOffsets(topic);
  return new Map(
    offsets
      .filter(({ high, low }) => Number(high) > Number(low))
      .map(({ partition, high }) => [partition, Number(high) - 1]),
  );
}
