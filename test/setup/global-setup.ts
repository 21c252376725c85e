import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createKafka } from '../../libs/kafka/src/kafka-client';
import { ensureEventsTopic } from '../../libs/kafka/src/events-topic';
import { startLocalInfra, type LocalInfra } from '../../scripts/local-infra/local-infra';

declare global {
  var __LEDGER_TEST_INFRA__: { infra: LocalInfra; workDir: string } | undefined;
}

/**
 * Starts Kafka and FerretDB once per run (unless KAFKA_BROKERS / MONGODB_URI are given) and
 * gives the run an id, so that topic and database names never meet another run's.
 */
export default async function globalSetup(): Promise<void> {
  const workDir = mkdtempSync(join(tmpdir(), 'consent-ledger-test-'));
  const started = Date.now();
  const infra = await startLocalInfra(workDir, process.env);
  process.env.KAFKA_BROKERS = infra.kafkaBrokers;
  process.env.MONGODB_URI = infra.mongoUri;
  // Every app a test file starts in-process appends here; global-teardown audits the whole run.
  process.env.LEDGER_TEST_LOG_FILE = join(workDir, 'apps.log');
  process.env.LEDGER_TEST_RUN_ID = `${started.toString(36)}${process.pid.toString(36)}`;
  globalThis.__LEDGER_TEST_INFRA__ = { infra, workDir };
  await groupCoordinatorReady(infra.kafkaBrokers);
  const what = infra.started.length > 0 ? infra.started.join(' and ') : 'external servers only';
  process.stdout.write(
    `\n[infra] ${what} ready in ${Date.now() - started} ms (kafka ${infra.kafkaBrokers}, mongo ${infra.mongoUri})\n`,
  );
}

/**
 * A fresh broker answers "the coordinator is loading" to the first consumer groups for a few
 * seconds, and a projector's consumer stops for good on it (its supervisor would restart it; a
 * test's in-process projector cannot): a throwaway group joined once, retried, settles it.
 */
async function groupCoordinatorReady(brokers: string): Promise<void> {
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
