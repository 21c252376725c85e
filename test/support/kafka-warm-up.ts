// A jest global hook resolves no path alias: the modules, by their paths.
import { createKafka } from '../../libs/kafka/src/kafka-client';
import { ensureEventsTopic } from '../../libs/kafka/src/events-topic';

/**
 * A fresh broker answers "the coordinator is loading" to the first consumer groups for a few
 * seconds, and a projector's consumer stops for good on it (its supervisor would restart it; a
 * test's in-process projector cannot): a throwaway group joined once, retried, settles it.
 */
export async function groupCoordinatorReady(brokers: string): Promise<void> {
  const kafka = createKafka({ brokers: brokers.split(','), clientId: 'test-warm-up' });
  const topic = `test.warm-up.${Date.now()}`;
  await ensureEventsTopic(kafka, { topic, partitions: 1 });
  const deadline = Date.now() + 60_000;
  for (;;) {
    const consumer = kafka.consumer({
      groupId: `${topic}.group`,
      retry: { retries: 2, restartOnFailure: async () => false },
    });
    try {
      await consumer.connect();
      await consumer.subscribe({ topic, fromBeginning: true });
      await new Promise<void>((resolve, reject) => {
        consumer.on(consumer.events.GROUP_JOIN, () => resolve());
        consumer.on(consumer.events.CRASH, ({ payload }) => reject(payload.error));
        consumer.run({ eachMessage: async () => undefined }).catch(reject);
      });
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 500));
    } finally {
      await consumer.disconnect().catch(() => undefined);
    }
  }
}
