import { MongoClient } from 'mongodb';
import { loadConfig, type LedgerConfig } from '@ledger/config';
import { createKafka, checkpointTopicOf, deadLetterTopicOf } from '@ledger/kafka';
import { TEST_ADMIN_KEY, TEST_MASTER_KEY } from './test-admin-key';

/** The environment of a ledger whose topic and database names are unique to this run and file. */
export function testEnv(scope: string, overrides: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const runId = process.env.LEDGER_TEST_RUN_ID;
  if (!runId) throw new Error('LEDGER_TEST_RUN_ID is unset: run through jest.int.config.js');
  const safeScope = scope.replace(/[^a-z0-9]/gi, '_').slice(0, 20);
  return {
    KAFKA_BROKERS: process.env.KAFKA_BROKERS,
    MONGODB_URI: process.env.MONGODB_URI,
    LEDGER_EVENTS_TOPIC: `ledger.events.test.${runId}.${safeScope}`,
    LEDGER_TOPIC_PARTITIONS: '3',
    MONGODB_DATABASE: `t_${runId}_${safeScope}`,
    PROJECTOR_GROUP_ID: `projector.test.${runId}.${safeScope}`,
    LEDGER_ADMIN_KEY: TEST_ADMIN_KEY,
    LEDGER_MASTER_KEY: TEST_MASTER_KEY,
    HTTP_HOST: '127.0.0.1',
    HTTP_PORT: '0',
    // Everything at info to one file per run, audited for secrets at the end (global-teardown).
    ...(process.env.LEDGER_TEST_LOG_FILE
      ? { LOG_LEVEL: 'info', LEDGER_LOG_FILE: process.env.LEDGER_TEST_LOG_FILE }
      : { LOG_LEVEL: 'warn' }),
    ...overrides,
  };
}

export function testConfig(scope: string, overrides: NodeJS.ProcessEnv = {}): LedgerConfig {
  return loadConfig(testEnv(scope, overrides));
}

/** Removes what a test file created, for runs against shared, external servers. */
export async function dropTestResources(config: LedgerConfig): Promise<void> {
  const admin = createKafka(config.kafka).admin();
  await admin.connect();
  try {
    const existing = await admin.listTopics();
    const topics = [
      config.kafka.eventsTopic,
      deadLetterTopicOf(config.kafka.eventsTopic),
      checkpointTopicOf(config.kafka.eventsTopic),
    ].filter((t) => existing.includes(t));
    if (topics.length > 0) await admin.deleteTopics({ topics });
    await admin.deleteGroups([config.kafka.projectorGroupId]).catch(() => undefined);
  } finally {
    await admin.disconnect();
  }
  const client = new MongoClient(config.mongo.uri);
  try {
    await client.db(config.mongo.database).dropDatabase();
  } finally {
    await client.close();
  }
}
