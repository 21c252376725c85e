import type { INestApplicationContext } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { MongoClient } from 'mongodb';
import type { LedgerConfig } from '@ledger/config';
import { caughtUp } from '@ledger/domain';
import { createKafka, lastOffsets } from '@ledger/kafka';
import { CheckpointStore } from '@ledger/mongo';
import { createLedgerApi } from '../../apps/ledger-api/src/ledger-api.app';
import type { LedgerApiOverrides } from '../../apps/ledger-api/src/ledger-api.module';
import { createProjector } from '../../apps/projector/src/projector.app';
import { dropTestResources, TEST_ADMIN_KEY, testConfig, testEnv } from '@ledger/testing';

/** Every consent names the notice shown (policy 2026-11-29, issue 13 finding 1). */
const NOTICE = { id: 'prospecting-notice', version: '2026-01' };

export { dropTestResources, TEST_ADMIN_KEY, testConfig, testEnv };

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
  try {
    await app.listen();
  } catch (error) {
    // A projector that refused to start (another signing key) leaves no connection open.
    await app.close().catch(() => undefined);
    throw error;
  }
  return { app, close: () => app.close() };
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

/** A JSON answer of the API as tests read it: any field may be looked into. */
export type ApiAnswer = { status: number; body: Record<string, any> }; // eslint-disable-line @typescript-eslint/no-explicit-any

/** Calls the ledger's API as the admin: JSON in (when given), JSON out. */
export function adminCaller(ledger: LedgerUnderTest) {
  return async (
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<ApiAnswer> => {
    const response = await fetch(`${ledger.api.url}${path}`, {
      method,
      headers: { ...adminHeaders(), ...headers },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    return { status: response.status, body: (await response.json()) as ApiAnswer['body'] };
  };
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
      return caughtUp(applied, targets) ? true : undefined;
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
          notice: NOTICE,
          occurredAt: new Date(start + i * 3_600_000).toISOString(),
        }),
      },
    );
    if (response.status !== 201) throw new Error(`appending history answered ${response.status}`);
    ids.push(((await response.json()) as { eventId: string }).eventId);
  }
  return ids;
}
