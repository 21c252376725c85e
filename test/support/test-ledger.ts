import type { INestApplicationContext } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { MongoClient } from 'mongodb';
import { loadConfig, type LedgerConfig } from '@ledger/config';
import { createKafka, lastOffsets } from '@ledger/kafka';
import { CheckpointStore } from '@ledger/mongo';
import { createLedgerApi } from '../../apps/ledger-api/src/ledger-api.app';
import type { LedgerApiOverrides } from '../../apps/ledger-api/src/ledger-api.module';
import { createProjector } from '../../apps/projector/src/projector.app';
import { TEST_ADMIN_KEY } from './test-keys';

export { TEST_ADMIN_KEY };

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

export interface RunningApi {
  app: NestFastifyApplication;
  url: string;
  close(): Promise<void>;
}

export async function startApi(
  config: LedgerConfig,
  overrides: LedgerApiOverrides = {},
): Promise<RunningApi> {
  const app = await createLedgerApi(config, overrides);
  await app.listen(0, '127.0.0.1');
  const url = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  return { app, url, close: () => app.close() };
}

export interface RunningProjector {
  app: INestApplicationContext;
  close(): Promise<void>;
}

export async function startProjector(config: LedgerConfig): Promise<RunningProjector> {
  const app = await createProjector(config);
  await app.init();
  return { app, close: () => app.close() };
}

/** Removes what a test file created, for runs against shared, external servers. */
export async function dropTestResources(config: LedgerConfig): Promise<void> {
  const admin = createKafka(config.kafka).admin();
  await admin.connect();
  try {
    const existing = await admin.listTopics();
    const topics = [config.kafka.eventsTopic, `${config.kafka.eventsTopic}.dlq`].filter((t) =>
      existing.includes(t),
    );
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

/** Polls `probe` until it returns a value other than undefined, or fails after `timeoutMs`. */
export async function eventually<T>(
  probe: () => Promise<T | undefined>,
  timeoutMs = 20_000,
  intervalMs = 100,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

export function adminHeaders(): Record<string, string> {
  return { authorization: `Bearer ${TEST_ADMIN_KEY}`, 'content-type': 'application/json' };
}

export interface LedgerUnderTest {
  config: LedgerConfig;
  api: RunningApi;
  projector?: RunningProjector;
}

/**
 * Runs an API (and, when asked, a projector) for one test file, on the file's own topic and
 * database, and removes them after the file's tests.
 */
export function useLedger(
  scope: string,
  options: { projector: boolean; overrides?: LedgerApiOverrides; env?: NodeJS.ProcessEnv },
): LedgerUnderTest {
  const ledger = {} as LedgerUnderTest;
  beforeAll(async () => {
    ledger.config = testConfig(scope, options.env);
    ledger.api = await startApi(ledger.config, options.overrides);
    if (options.projector) ledger.projector = await startProjector(ledger.config);
  });
  afterAll(async () => {
    await ledger.projector?.close();
    await ledger.api?.close();
    if (ledger.config) await dropTestResources(ledger.config);
  });
  return ledger;
}

/**
 * Waits until the projector has applied everything now in the log, on every partition (a
 * write's own position only covers its partition).
 */
export async function readModelCaughtUp(config: LedgerConfig, timeoutMs = 60_000): Promise<void> {
  const targets = await lastOffsets(createKafka(config.kafka), config.kafka.eventsTopic);
  const client = new MongoClient(config.mongo.uri);
  try {
    const checkpoints = new CheckpointStore(client.db(config.mongo.database), config.kafka.eventsTopic);
    await eventually(async () => {
      const applied = await checkpoints.appliedOffsets();
      return [...targets].every(([partition, offset]) => (applied.get(partition) ?? -1) >= offset)
        ? true
        : undefined;
    }, timeoutMs);
  } finally {
    await client.close();
  }
}

/**
 * Consents and withdrawals to email prospecting, alternating hourly from `start` (even: consent,
 * odd: withdrawal); returns their event ids, in order.
 */
export async function appendAlternatingHistory(
  apiUrl: string,
  subjectId: string,
  events: number,
  start: number,
): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < events; i++) {
    const response = await fetch(
      `${apiUrl}/v1/subjects/${subjectId}/${i % 2 === 0 ? 'consents' : 'consent-withdrawals'}`,
      {
        method: 'POST',
        headers: adminHeaders(),
        body: JSON.stringify({
          purpose: 'prospecting',
          channels: ['email'],
          source: { collectionPoint: 'e2e', method: 'web_form' },
          occurredAt: new Date(start + i * 3_600_000).toISOString(),
        }),
      },
    );
    if (response.status !== 201) throw new Error(`appending history answered ${response.status}`);
    ids.push(((await response.json()) as { eventId: string }).eventId);
  }
  return ids;
}
