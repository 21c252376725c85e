/**
 * What "every read is current" costs: a decision reads the log's end offsets (Kafka ListOffsets)
 * and the projector's checkpoints before it reads the subject. Measured against the raw driver's
 * point read of the same document, and the raw admin client's offsets fetch, on the same servers
 * in the same run. Results go to bench/results/decision-latency.json.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BSON, MongoClient } from 'mongodb';
import { assertSupportedRuntime, loadConfig } from '@ledger/config';
import { createKafka } from '@ledger/kafka';
import { createLedgerApi } from '../apps/ledger-api/src/ledger-api.app';
import { createProjector } from '../apps/projector/src/projector.app';
import { startLocalInfra } from '../scripts/local-infra/local-infra';
import { REPO_ROOT } from '../scripts/local-infra/provision';

/** Every consent names the notice shown (policy 2026-11-29, issue 13 finding 1). */
const NOTICE = { id: 'prospecting-notice', version: '2026-01' };

const SUBJECTS = Number(process.env.BENCH_SUBJECTS ?? 1000);
const SEQUENTIAL = Number(process.env.BENCH_SEQUENTIAL ?? 2000);
const CONCURRENT_SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = 10;
/** Subjects with this many events each: a decision's cost must not grow with the history. */
const HISTORY_LENGTHS = (process.env.BENCH_HISTORY_LENGTHS ?? '10,1000,10000').split(',').map(Number);
const HISTORY_DECISIONS = 300;
const ADMIN_KEY = 'bench-admin-key-0123456789abcdef';

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))];

async function sequential(fn: (n: number) => Promise<unknown>) {
  const times: number[] = [];
  for (let n = 0; n < SEQUENTIAL; n++) {
    const start = process.hrtime.bigint();
    await fn(n);
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  times.sort((a, b) => a - b);
  return {
    p50Ms: Number(percentile(times, 0.5).toFixed(2)),
    p99Ms: Number(percentile(times, 0.99).toFixed(2)),
  };
}

async function throughput(fn: (n: number) => Promise<unknown>) {
  let done = 0;
  const until = Date.now() + CONCURRENT_SECONDS * 1000;
  await Promise.all(
    Array.from({ length: CONNECTIONS }, async (_, w) => {
      while (Date.now() < until) await fn(w * 1_000_000 + done++);
    }),
  );
  return Math.round(done / CONCURRENT_SECONDS);
}

async function main(): Promise<void> {
  assertSupportedRuntime();
  const dir = mkdtempSync(join(tmpdir(), 'consent-ledger-bench-'));
  const infra = await startLocalInfra(dir, {});
  const config = loadConfig({
    KAFKA_BROKERS: infra.kafkaBrokers,
    MONGODB_URI: infra.mongoUri,
    LEDGER_ADMIN_KEY: ADMIN_KEY,
    LEDGER_TOPIC_PARTITIONS: '6',
    LOG_LEVEL: 'error',
  });
  const api = await createLedgerApi(config);
  await api.listen(0, '127.0.0.1');
  const url = (await api.getUrl()).replace('[::1]', '127.0.0.1');
  const projector = await createProjector(config);
  await projector.listen();
  const headers = { authorization: `Bearer ${ADMIN_KEY}`, 'content-type': 'application/json' };
  const mongo = new MongoClient(infra.mongoUri);
  const admin = createKafka(config.kafka).admin();
  await admin.connect();
  try {
    process.stderr.write(`seeding ${SUBJECTS} subjects with a consent each\n`);
    for (let i = 0; i < SUBJECTS; i += 20) {
      await Promise.all(
        Array.from({ length: Math.min(20, SUBJECTS - i) }, (_, j) =>
          fetch(`${url}/v1/subjects/bench-${i + j}/consents`, {
            method: 'POST',
            headers,
            body: JSON.stringify({
              purpose: 'prospecting',
              channels: ['email'],
              source: { collectionPoint: 'bench', method: 'api' },
              notice: NOTICE,
            }),
          }),
        ),
      );
    }
    const subjects = mongo.db(config.mongo.database).collection<{ _id: string }>('subjects');
    const decide = (n: number) =>
      fetch(`${url}/v1/decisions`, {
        method: 'POST',
        headers,
        body: JSON.stringify({
          subject: { subjectId: `bench-${n % SUBJECTS}` },
          purpose: 'prospecting',
          channel: 'email',
        }),
      }).then(async (response) => {
        if (response.status !== 200) throw new Error(`decision answered ${response.status}`);
        return response.json();
      });
    // Warm up every path (connections, JIT, caches).
    for (let n = 0; n < 200; n++) {
      await decide(n);
      await subjects.findOne({ _id: `bench-${n % SUBJECTS}` });
    }
    process.stderr.write('measuring\n');
    const rawRead = await sequential((n) => subjects.findOne({ _id: `bench-${n % SUBJECTS}` }));
    const rawOffsets = await sequential(() => admin.fetchTopicOffsets(config.kafka.eventsTopic));
    const ledgerDecision = await sequential(decide);
    const rawReadPerSecond = await throughput((n) => subjects.findOne({ _id: `bench-${n % SUBJECTS}` }));
    const decisionsPerSecond = await throughput(decide);

    // A subject's history length: consents and withdrawals alternating on email, then a decision.
    const byHistoryLength: Array<{ events: number; documentBytes: number; p50Ms: number; p99Ms: number }> =
      [];
    for (const length of HISTORY_LENGTHS) {
      const subjectId = `bench-history-${length}`;
      process.stderr.write(`seeding ${subjectId} with ${length} events\n`);
      for (let i = 0; i < length; i += 20) {
        await Promise.all(
          Array.from({ length: Math.min(20, length - i) }, (_, j) =>
            fetch(
              `${url}/v1/subjects/${subjectId}/${(i + j) % 2 === 0 ? 'consents' : 'consent-withdrawals'}`,
              {
                method: 'POST',
                headers,
                body: JSON.stringify({
                  purpose: 'prospecting',
                  channels: ['email', 'sms'],
                  source: { collectionPoint: 'bench', method: 'api' },
                  notice: NOTICE,
                }),
              },
            ).then((response) => {
              if (response.status >= 300) throw new Error(`seeding answered ${response.status}`);
            }),
          ),
        );
      }
      const decideAbout = () =>
        fetch(`${url}/v1/decisions`, {
          method: 'POST',
          headers,
          body: JSON.stringify({ subject: { subjectId }, purpose: 'prospecting', channel: 'email' }),
        }).then((response) => {
          if (response.status !== 200) throw new Error(`decision answered ${response.status}`);
        });
      for (let n = 0; n < 50; n++) await decideAbout();
      const times: number[] = [];
      for (let n = 0; n < HISTORY_DECISIONS; n++) {
        const start = process.hrtime.bigint();
        await decideAbout();
        times.push(Number(process.hrtime.bigint() - start) / 1e6);
      }
      times.sort((a, b) => a - b);
      const document = await subjects.findOne({ _id: subjectId });
      const bytes = document ? BSON.calculateObjectSize(document) : -1;
      byHistoryLength.push({
        events: length,
        documentBytes: bytes,
        p50Ms: Number(percentile(times, 0.5).toFixed(2)),
        p99Ms: Number(percentile(times, 0.99).toFixed(2)),
      });
    }
    const shortest = byHistoryLength[0];
    const longest = byHistoryLength[byHistoryLength.length - 1];
    const results = {
      measuredAt: new Date().toISOString(),
      machine: `${process.platform} ${process.arch}, node ${process.version}`,
      subjects: SUBJECTS,
      sequential: { rawDriverFindOne: rawRead, rawKafkaFetchTopicOffsets: rawOffsets, ledgerDecision },
      concurrent: {
        connections: CONNECTIONS,
        rawDriverFindOnePerSecond: rawReadPerSecond,
        ledgerDecisionsPerSecond: decisionsPerSecond,
      },
      byHistoryLength,
      ratios: {
        decisionP50OverRawReadP50: Number((ledgerDecision.p50Ms / rawRead.p50Ms).toFixed(2)),
        decisionThroughputOverRawRead: Number((decisionsPerSecond / rawReadPerSecond).toFixed(2)),
      },
      goals: [
        {
          name: `decision p50, subject with ${longest.events} events over one with ${shortest.events}`,
          figure: longest.p50Ms,
          baseline: shortest.p50Ms,
          ratio: Number((longest.p50Ms / shortest.p50Ms).toFixed(2)),
          target: '<= 1.5',
          met: longest.p50Ms / shortest.p50Ms <= 1.5,
        },
      ],
      note: 'A decision = log end offsets (coalesced ListOffsets) + checkpoint read (coalesced) + subject point read + policy.',
    };
    mkdirSync(join(REPO_ROOT, 'bench', 'results'), { recursive: true });
    writeFileSync(
      join(REPO_ROOT, 'bench', 'results', 'decision-latency.json'),
      `${JSON.stringify(results, null, 2)}\n`,
    );
    process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
  } finally {
    await admin.disconnect();
    await mongo.close();
    await projector.close();
    await api.close();
    await infra.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
