import type { Kafka } from 'kafkajs';

export interface KafkaStatus {
  status: 'up' | 'down';
  brokers?: number;
  error?: string;
}

/** Asks the cluster for its metadata; a fresh admin client so a stale connection cannot lie. */
export async function checkKafka(kafka: Kafka, timeoutMs = 3000): Promise<KafkaStatus> {
  const admin = kafka.admin({ retry: { retries: 0 } });
  const timeout = new Promise<never>((_, reject) =>
    setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs).unref(),
  );
  try {
    await Promise.race([admin.connect(), timeout]);
    const cluster = await Promise.race([admin.describeCluster(), timeout]);
    return { status: 'up', brokers: cluster.brokers.length };
  } catch (error) {
    return { status: 'down', error: error instanceof Error ? error.message : String(error) };
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}
