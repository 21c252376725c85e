import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Kafka } from 'kafkajs';
import { createKafka } from '@ledger/kafka';
import { MongoClient } from 'mongodb';
import { decodeEvent } from '@ledger/contracts';
import { TEST_MASTER_KEY } from '@ledger/testing';
import { startFerretDb, type LocalFerretDb } from '../../../scripts/local-infra/ferretdb';
import { startKafka, type LocalKafka } from '../../../scripts/local-infra/kafka';
import {
  freePort,
  servicePid,
  startGuarded,
  type ManagedProcess,
} from '../../../scripts/local-infra/managed-process';
import { REPO_ROOT } from '../../../scripts/local-infra/provision';
import { groupCoordinatorReady } from '../../support/kafka-warm-up';

/** A supervised app: the process running now, and how often it was restarted. */
export interface Supervised {
  current: ManagedProcess;
  restarts: number;
  retired?: boolean;
}

export const ADMIN_KEY = 'fault-admin-key-0123456789abcdef';
export const TOPIC = 'ledger.events';

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A whole ledger of its own for one fault scenario: a Kafka broker and a FerretDB started here
 * (so the test may kill and freeze them, and nothing else), and the API and projector(s) as
 * separate Node processes running the built code, as `npm start` runs them.
 */
export class FaultStack {
  readonly dir = mkdtempSync(join(tmpdir(), 'consent-ledger-fault-'));
  kafka!: LocalKafka;
  ferret!: LocalFerretDb;
  ferretDebugPort!: number;
  /** The API processes, each on its own port, sharing Kafka and Mongo (the first is `api`). */
  apis: Array<{ slot: Supervised; port: number }> = [];
  projectors: Supervised[] = [];
  private appLogs = 0;
  private stopping = false;

  constructor(private readonly env: NodeJS.ProcessEnv = {}) {}

  get api(): Supervised | undefined {
    return this.apis[0]?.slot;
  }

  get httpPort(): number {
    return this.apis[0].port;
  }

  get url(): string {
    return this.urlOf(0);
  }

  /** The address of the `index`th API process. */
  urlOf(index: number): string {
    return `http://127.0.0.1:${this.apis[index].port}`;
  }

  async start(options: { projectors?: number; apis?: number } = {}): Promise<void> {
    this.ferretDebugPort = await freePort();
    [this.kafka, this.ferret] = await Promise.all([
      startKafka(join(this.dir, 'kafka')),
      startFerretDb(join(this.dir, 'ferretdb'), { debugPort: this.ferretDebugPort }),
    ]);
    await groupCoordinatorReady(this.kafka.brokers);
    for (let i = 0; i < (options.apis ?? 1); i++) await this.startApi();
    for (let i = 0; i < (options.projectors ?? 1); i++) await this.startProjector();
    await this.waitHealthy();
  }

  appEnv(): NodeJS.ProcessEnv {
    return {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      KAFKA_BROKERS: this.kafka.brokers,
      MONGODB_URI: this.ferret.uri,
      LEDGER_EVENTS_TOPIC: TOPIC,
      LEDGER_TOPIC_PARTITIONS: '3',
      LEDGER_ADMIN_KEY: ADMIN_KEY,
      LEDGER_MASTER_KEY: TEST_MASTER_KEY,
      HTTP_HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      KAFKAJS_NO_PARTITIONER_WARNING: '1',
      ...this.env,
    };
  }

  /** Like `npm start`: an app that exits unexpectedly is started again a second later. */
  private startApp(app: 'ledger-api' | 'projector', env: NodeJS.ProcessEnv = {}): Supervised {
    const slot = { restarts: 0 } as Supervised;
    const launch = () => {
      slot.current = startGuarded(
        app,
        process.execPath,
        [join(REPO_ROOT, 'dist', 'apps', app, 'src', 'main.js')],
        {
          env: { ...this.appEnv(), ...env },
          logFile: join(this.dir, `${app}-${++this.appLogs}.log`),
          onExit: () => {
            if (this.stopping || slot.retired) return;
            slot.restarts++;
            setTimeout(() => {
              if (!this.stopping && !slot.retired) launch();
            }, 1000);
          },
        },
      );
    };
    launch();
    return slot;
  }

  /** One more API process on a port of its own; answers its index. */
  async startApi(): Promise<number> {
    const port = await freePort();
    const index =
      this.apis.push({ slot: this.startApp('ledger-api', { HTTP_PORT: String(port) }), port }) - 1;
    await this.until(
      async () => (await this.get('/health', 10_000, index).catch(() => undefined)) !== undefined,
      60_000,
    );
    return index;
  }

  async startProjector(): Promise<Supervised> {
    const projector = this.startApp('projector');
    this.projectors.push(projector);
    return projector;
  }

  /** Until the supervisor has started the app again after `restartsBefore` restarts. */
  async restarted(slot: Supervised, restartsBefore: number): Promise<void> {
    await this.until(async () => slot.restarts > restartsBefore && slot.current.running(), 30_000);
  }

  /** SIGKILL of a service's own process (not its guard), as a crash or an OOM kill would. */
  kill9(service: ManagedProcess): void {
    process.kill(this.pidOf(service), 'SIGKILL');
  }

  /** SIGSTOP / SIGCONT of a service's own process: a long GC pause, a frozen VM. */
  freeze(service: ManagedProcess): void {
    process.kill(this.pidOf(service), 'SIGSTOP');
  }

  thaw(service: ManagedProcess): void {
    process.kill(this.pidOf(service), 'SIGCONT');
  }

  private pidOf(service: ManagedProcess): number {
    // A guard between two runs of its service has no child for a moment: look again briefly.
    for (let attempt = 0; attempt < 50; attempt++) {
      const pid = servicePid(service);
      if (pid !== undefined) return pid;
      execFileSync('sleep', ['0.1']);
    }
    throw new Error(`${service.name} has no running process`);
  }

  async restartKafka(): Promise<void> {
    this.kafka = await startKafka(join(this.dir, 'kafka'), { ports: this.kafka.ports });
  }

  async restartFerret(): Promise<void> {
    this.ferret = await startFerretDb(join(this.dir, 'ferretdb'), {
      port: this.ferret.port,
      debugPort: this.ferretDebugPort,
    });
  }

  async stop(): Promise<void> {
    this.stopping = true;
    for (const service of [
      ...this.apis.map((a) => a.slot.current),
      ...this.projectors.map((p) => p.current),
      this.kafka?.process,
      this.ferret?.process,
    ]) {
      if (!service) continue;
      // A frozen process cannot stop: thaw it first.
      const pid = servicePid(service);
      if (pid !== undefined) process.kill(pid, 'SIGCONT');
      await service.stop();
    }
    if (!process.env.LEDGER_KEEP_FAULT_DIRS) rmSync(this.dir, { recursive: true, force: true });
  }

  async waitHealthy(timeoutMs = 90_000): Promise<void> {
    await this.until(
      async () => (await this.get('/health').catch(() => undefined))?.status === 200,
      timeoutMs,
    );
  }

  /** How many records the projector has yet to apply, by /health (-1 when it does not answer). */
  async recordsBehind(): Promise<number> {
    const response = await this.get('/health').catch(() => undefined);
    if (!response) return -1;
    const body = (await response.json()) as {
      checks?: { readSide?: { partitions?: Array<{ behind: number }> } };
    };
    return (body.checks?.readSide?.partitions ?? []).reduce((sum, p) => sum + p.behind, 0);
  }

  /** Until /health is ok and every partition's checkpoint has reached the log's end. */
  async caughtUp(timeoutMs = 120_000): Promise<void> {
    await this.until(async () => {
      const response = await this.get('/health').catch(() => undefined);
      if (response?.status !== 200) return false;
      const body = (await response.json()) as {
        checks: { readSide: { partitions: Array<{ behind: number }> } };
      };
      return body.checks.readSide.partitions.every((p) => p.behind === 0);
    }, timeoutMs);
  }

  async until(probe: () => Promise<boolean>, timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!(await probe())) {
      if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
      await sleep(200);
    }
  }

  get(path: string, timeoutMs = 10_000, api = 0): Promise<Response> {
    return fetch(`${this.urlOf(api)}${path}`, {
      headers: { authorization: `Bearer ${ADMIN_KEY}` },
      signal: AbortSignal.timeout(timeoutMs),
    });
  }

  post(
    path: string,
    body: unknown,
    headers: Record<string, string> = {},
    timeoutMs = 30_000,
    api = 0,
  ): Promise<Response> {
    return fetch(`${this.urlOf(api)}${path}`, {
      method: path.startsWith('/v1/subjects/') && path.split('/').length === 4 ? 'PUT' : 'POST',
      headers: { authorization: `Bearer ${ADMIN_KEY}`, 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(timeoutMs),
    });
  }

  kafkaClient(): Kafka {
    // Through the adapter, so the test's own client has kafkajs's idle-timer mend too; no log sink.
    return createKafka({ clientId: 'fault-test', brokers: [this.kafka.brokers] });
  }

  /** Every record of the events topic, decoded where possible (a fresh consumer group each time). */
  async readTopic(): Promise<
    Array<{ id?: string; type?: string; subjectId?: string; partition: number; offset: string }>
  > {
    const kafka = this.kafkaClient();
    const admin = kafka.admin();
    await admin.connect();
    const ends = await admin.fetchTopicOffsets(TOPIC);
    await admin.disconnect();
    const total = ends.reduce((sum, p) => sum + Number(p.high) - Number(p.low), 0);
    const records: Array<{
      id?: string;
      type?: string;
      subjectId?: string;
      partition: number;
      offset: string;
    }> = [];
    if (total === 0) return records;
    const consumer = kafka.consumer({ groupId: `fault-reader-${Date.now()}-${Math.random()}` });
    await consumer.connect();
    await consumer.subscribe({ topic: TOPIC, fromBeginning: true });
    await new Promise<void>((resolve) => {
      void consumer.run({
        eachMessage: async ({ partition, message }) => {
          const headers = Object.fromEntries(
            Object.entries(message.headers ?? {}).map(([k, v]) => [
              k,
              v === undefined ? undefined : String(v),
            ]),
          );
          try {
            const event = decodeEvent({
              key: message.key?.toString() ?? null,
              value: message.value,
              headers,
            });
            records.push({
              id: event.id,
              type: event.type,
              subjectId: event.subjectId,
              partition,
              offset: message.offset,
            });
          } catch {
            records.push({ partition, offset: message.offset });
          }
          if (records.length >= total) resolve();
        },
      });
    });
    await consumer.disconnect();
    return records;
  }

  /** FerretDB's own gauges: cursors open and SQLite connections in use (all databases). */
  async ferretGauges(): Promise<{ cursors: number; connectionsInUse: number }> {
    const text = await (
      await fetch(`http://127.0.0.1:${this.ferretDebugPort}/debug/metrics`, {
        signal: AbortSignal.timeout(5000),
      })
    ).text();
    const sum = (pattern: RegExp) =>
      text
        .split('\n')
        .filter((line) => pattern.test(line))
        .reduce((total, line) => total + Number(line.trim().split(/\s+/).pop()), 0);
    // Cursors open = created − closed (each close is observed once in the duration histogram).
    return {
      cursors: sum(/^ferretdb_cursors_created_total\b/) - sum(/^ferretdb_cursors_duration_seconds_count\b/),
      connectionsInUse: sum(/^ferretdb_sqldb_in_use\b/),
    };
  }

  mongo(): MongoClient {
    return new MongoClient(this.ferret.uri, { serverSelectionTimeoutMS: 5000 });
  }
}

/** A stack of its own for one test file: started before its cases, every process stopped after. */
export function useFaultStack(
  env: NodeJS.ProcessEnv = {},
  options: { projectors?: number; apis?: number } = {},
): FaultStack {
  const stack = new FaultStack(env);
  beforeAll(() => stack.start(options), 180_000);
  afterAll(() => stack.stop(), 60_000);
  return stack;
}
