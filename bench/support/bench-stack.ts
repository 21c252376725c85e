import { randomBytes } from 'node:crypto';
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Kafka, Producer } from 'kafkajs';
import { MongoClient } from 'mongodb';
import { v7 as uuidv7 } from 'uuid';
import { encodeEvent, eventSignerOf } from '@ledger/contracts';
import { caughtUp, giveConsent, withdrawConsent, type LedgerEvent } from '@ledger/domain';
import { createIdempotentProducer, createKafka, ensureEventsTopic, lastOffsets } from '@ledger/kafka';
import { CheckpointStore } from '@ledger/mongo';
import { APP_NODE_ARGS } from '../../scripts/app-runtime';
import { freePort } from '../../scripts/local-infra/managed-process';
import { REPO_ROOT } from '../../scripts/local-infra/provision';

export const ADMIN_KEY = 'bench-admin-key-0123456789abcdef';
const DIST = join(REPO_ROOT, 'dist', 'apps');

/** One ledger under measurement: its own topic and database on the local Kafka and FerretDB. */
export class BenchStack {
  readonly env: NodeJS.ProcessEnv;
  readonly kafka: Kafka;
  readonly mongo: MongoClient;
  apiUrl = '';
  private api: ChildProcess | undefined;
  private projector: ChildProcess | undefined;
  private producer: Producer | undefined;

  constructor(
    kafkaBrokers: string,
    mongoUri: string,
    readonly name: string,
  ) {
    this.env = {
      ...process.env,
      KAFKA_BROKERS: kafkaBrokers,
      MONGODB_URI: mongoUri,
      MONGODB_DATABASE: `bench_${name}`,
      LEDGER_EVENTS_TOPIC: `ledger.bench.${name}`,
      LEDGER_TOPIC_PARTITIONS: '6',
      PROJECTOR_GROUP_ID: `projector.bench.${name}`,
      LEDGER_ADMIN_KEY: ADMIN_KEY,
      // A bench's own: its data keys live and die with the bench database.
      LEDGER_MASTER_KEY: randomBytes(32).toString('base64'),
      HTTP_HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
    };
    this.kafka = createKafka({ brokers: kafkaBrokers.split(','), clientId: 'bench' });
    this.mongo = new MongoClient(mongoUri);
    // Ctrl-C on a bench stops the apps it started (its Kafka and FerretDB stop by their guard).
    for (const signal of ['SIGINT', 'SIGTERM'] as const) {
      process.once(signal, () => {
        for (const child of [this.api, this.projector]) child?.kill('SIGTERM');
        process.exit(130);
      });
    }
  }

  get topic(): string {
    return this.env.LEDGER_EVENTS_TOPIC!;
  }

  get db() {
    return this.mongo.db(this.env.MONGODB_DATABASE!);
  }

  /** `nodeArgs`: for example `--cpu-prof` (the profile is written when the process exits). */
  async startApi(nodeArgs: string[] = []): Promise<void> {
    const port = await freePort();
    const args = [...APP_NODE_ARGS['ledger-api'], ...nodeArgs, join(DIST, 'ledger-api', 'src', 'main.js')];
    this.api = spawn(process.execPath, args, {
      env: { ...this.env, HTTP_PORT: String(port) },
      stdio: ['ignore', 'inherit', 'inherit'], // warnings and errors only (LOG_LEVEL)
    });
    this.apiUrl = `http://127.0.0.1:${port}`;
    await until(async () => (await fetch(`${this.apiUrl}/health`).catch(() => undefined))?.status === 200);
  }

  async stopApi(): Promise<void> {
    await stop(this.api);
    this.api = undefined;
  }

  async startProjector(nodeArgs: string[] = []): Promise<void> {
    await ensureEventsTopic(this.kafka, { topic: this.topic, partitions: 6 });
    this.projector = spawn(process.execPath, [...nodeArgs, join(DIST, 'projector', 'src', 'main.js')], {
      env: this.env,
      stdio: ['ignore', 'inherit', 'inherit'], // warnings and errors only (LOG_LEVEL)
    });
  }

  async stopProjector(): Promise<void> {
    await stop(this.projector);
    this.projector = undefined;
  }

  /** Peak resident memory of the API process so far (VmHWM), in MiB. */
  apiPeakRssMiB(): number {
    const status = readFileSync(`/proc/${this.api!.pid}/status`, 'utf8');
    return Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1]) / 1024;
  }

  /** Until the projector has applied everything now in the log. */
  async caughtUp(timeoutMs = 1_800_000): Promise<void> {
    const targets = await lastOffsets(this.kafka, this.topic);
    const checkpoints = new CheckpointStore(this.db, this.topic);
    await until(async () => {
      const applied = await checkpoints.appliedOffsets();
      return caughtUp(applied, targets);
    }, timeoutMs);
  }

  /** Events written straight to the log (the bench's seeding; the API's write path is measured apart). */
  async produce(events: Iterable<LedgerEvent>, onProgress?: (count: number) => void): Promise<number> {
    await ensureEventsTopic(this.kafka, { topic: this.topic, partitions: 6 });
    this.producer ??= createIdempotentProducer(this.kafka);
    await this.producer.connect();
    let batch: LedgerEvent[] = [];
    let count = 0;
    const flush = async () => {
      const signer = eventSignerOf({
        signingKey: undefined,
        masterKey: Buffer.from(this.env.LEDGER_MASTER_KEY!, 'base64'),
      });
      // Signed as the API signs: the projector projects nothing else.
      await this.producer!.send({
        topic: this.topic,
        acks: -1,
        messages: batch.map((event) => encodeEvent(signer.sign(event))),
      });
      count += batch.length;
      batch = [];
      onProgress?.(count);
    };
    for (const event of events) {
      batch.push(event);
      // One subject's events share a partition: 2,000 signed events there passed the broker's 1 MB.
      if (batch.length >= 1000) await flush();
    }
    if (batch.length > 0) await flush();
    return count;
  }

  async close(): Promise<void> {
    await stop(this.api);
    await stop(this.projector);
    await this.producer?.disconnect();
    await this.mongo.close();
  }
}

const source = { collectionPoint: 'bench', method: 'api' as const, client: 'bench' };
const actor = { type: 'system' as const };

/** A consent to email prospecting for each of `bench-<from>` … `bench-<to - 1>`. */
export function* consents(from: number, to: number): Generator<LedgerEvent> {
  const now = new Date().toISOString();
  for (let i = from; i < to; i++) {
    yield giveConsent(
      { subjectId: `bench-${i}`, actor, source, purpose: 'prospecting', channels: ['email'] },
      { eventId: uuidv7(), now },
    );
  }
}

/**
 * `count` events about the existing subjects `bench-0` … `bench-<subjects - 1>`, round after
 * round: a withdrawal, then a consent again (each updates a record the projector must load).
 */
export function* updates(subjects: number, count: number): Generator<LedgerEvent> {
  const now = new Date().toISOString();
  for (let n = 0; n < count; n++) {
    const command = {
      subjectId: `bench-${n % subjects}`,
      actor,
      source,
      purpose: 'prospecting' as const,
      channels: ['email' as const],
    };
    const context = { eventId: uuidv7(), now };
    yield Math.floor(n / subjects) % 2 === 0
      ? withdrawConsent(command, context)
      : giveConsent(command, context);
  }
}

/** One subject's history: consents and withdrawals alternating, a minute apart, ending on a consent. */
export function* longHistory(subjectId: string, length: number): Generator<LedgerEvent> {
  const start = Date.now() - length * 60_000;
  const now = new Date().toISOString();
  for (let i = 0; i < length; i++) {
    const command = {
      subjectId,
      actor,
      source,
      purpose: 'prospecting' as const,
      channels: ['email' as const],
      occurredAt: new Date(start + i * 60_000).toISOString(),
    };
    const context = { eventId: uuidv7(), now };
    yield (length - 1 - i) % 2 === 0 ? giveConsent(command, context) : withdrawConsent(command, context);
  }
}

export async function until(check: () => Promise<boolean>, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check().catch(() => false))) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function stop(child: ChildProcess | undefined): Promise<void> {
  if (!child || child.exitCode !== null) return;
  child.kill('SIGTERM');
  await new Promise((resolve) => child.once('exit', resolve));
}

export const authorized = { authorization: `Bearer ${ADMIN_KEY}`, 'content-type': 'application/json' };
