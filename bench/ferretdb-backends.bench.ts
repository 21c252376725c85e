/**
 * Which FerretDB handler serves the ledger's read-model access pattern faster: SQLite or
 * PostgreSQL (Debian's)? Same FerretDB binary, same workload, same run. Results go to
 * bench/results/ferretdb-backends.json.
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MongoClient } from 'mongodb';
import { startFerretDb } from '../scripts/local-infra/ferretdb';
import { freePort } from '../scripts/local-infra/managed-process';
import { REPO_ROOT } from '../scripts/local-infra/provision';

const SIZES = (process.env.BENCH_SIZES ?? '1000,5000,20000').split(',').map(Number);

interface SubjectDoc {
  _id: string;
  kind: string;
  updatedAt: string;
  lastEventId: string;
  states: Record<string, { status: string; since: string; evidence: string[] }>;
}

const body = (i: number, round: number): Omit<SubjectDoc, '_id'> => ({
  kind: i % 3 === 0 ? 'member' : 'prospect',
  updatedAt: `2026-02-0${(round % 9) + 1}T00:00:00.000Z`,
  lastEventId: `e-${i}-${round}`,
  states: {
    'prospecting/email': {
      status: 'consent_given',
      since: '2026-01-02T00:00:00.000Z',
      evidence: [`e-${i}-a`],
    },
    'prospecting/sms': { status: 'opposed', since: '2026-01-03T00:00:00.000Z', evidence: [`e-${i}-b`] },
  },
});

/** Mean milliseconds per operation over `count` operations. */
async function perOp(count: number, fn: (n: number) => Promise<unknown>): Promise<number> {
  const start = process.hrtime.bigint();
  for (let n = 0; n < count; n++) await fn(n);
  return Number((Number(process.hrtime.bigint() - start) / 1e6 / count).toFixed(2));
}

/**
 * Per-operation latency of the ledger's read-model operations as the collection grows: the
 * decision path's point read, the projector's upsert and batch load, and the checkpoint $max.
 */
async function workload(uri: string): Promise<Record<string, Record<string, number>>> {
  const client = new MongoClient(uri);
  const db = client.db('bench');
  const subjects = db.collection<SubjectDoc>('subjects');
  const checkpoints = db.collection<{ _id: string; appliedOffset: number }>('checkpoints');
  const results: Record<string, Record<string, number>> = {};
  try {
    await db.dropDatabase();
    let size = 0;
    for (const target of SIZES) {
      const docs: SubjectDoc[] = [];
      for (let i = size; i < target; i++) docs.push({ _id: `subject-${i}`, ...body(i, 0) });
      for (let k = 0; k < docs.length; k += 1000) await subjects.insertMany(docs.slice(k, k + 1000));
      size = target;
      const id = (n: number) => `subject-${(n * 7919) % size}`;
      results[`docs_${size}`] = {
        pointReadMs: await perOp(100, (n) => subjects.findOne({ _id: id(n) })),
        batchLoad100Ms: await perOp(10, (n) =>
          subjects.find({ _id: { $in: Array.from({ length: 100 }, (_, k) => id(n * 100 + k)) } }).toArray(),
        ),
        batchLoad100ByIdMs: await perOp(10, (n) =>
          Promise.all(Array.from({ length: 100 }, (_, k) => subjects.findOne({ _id: id(n * 100 + k) }))),
        ),
        replaceUpsertMs: await perOp(30, (n) => {
          const { _id, ...rest } = { _id: id(n), ...body(n, 1) };
          return subjects.replaceOne({ _id }, rest, { upsert: true });
        }),
        checkpointMaxMs: await perOp(30, (n) =>
          checkpoints.updateOne({ _id: 'topic:0' }, { $max: { appliedOffset: n } }, { upsert: true }),
        ),
      };
      process.stdout.write(`  ${size} documents: ${JSON.stringify(results[`docs_${size}`])}\n`);
    }
    return results;
  } finally {
    await client.close();
  }
}

/** A throw-away PostgreSQL cluster owned by the postgres user (initdb refuses root). */
async function startPostgres(dir: string): Promise<{ url: string; stop(): void }> {
  const bin = execFileSync('pg_config', ['--bindir'], { encoding: 'utf8' }).trim();
  const asPostgres = (args: string[]) =>
    execFileSync('runuser', ['-u', 'postgres', '--', ...args], { stdio: 'pipe', encoding: 'utf8' });
  mkdirSync(dir, { recursive: true });
  chmodSync(dir, 0o777);
  const data = join(dir, 'pgdata');
  asPostgres([join(bin, 'initdb'), '-D', data, '-U', 'postgres', '--auth=trust']);
  const port = await freePort();
  asPostgres([
    join(bin, 'pg_ctl'),
    '-D',
    data,
    '-l',
    join(dir, 'postgres.log'),
    '-o',
    `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1`,
    '-w',
    'start',
  ]);
  const stop = () => asPostgres([join(bin, 'pg_ctl'), '-D', data, '-m', 'fast', '-w', 'stop']);
  try {
    asPostgres([join(bin, 'createdb'), '-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', 'ferretdb']);
  } catch (error) {
    stop();
    throw error;
  }
  return { url: `postgres://postgres@127.0.0.1:${port}/ferretdb`, stop };
}

async function main(): Promise<void> {
  const work = mkdtempSync(join(tmpdir(), 'bench-ferretdb-'));
  chmodSync(work, 0o755); // the postgres user must reach its cluster below
  const results: Record<string, Record<string, Record<string, number>>> = {};
  try {
    process.stdout.write('sqlite handler\n');
    const sqlite = await startFerretDb(join(work, 'sqlite'));
    try {
      results.sqlite = await workload(sqlite.uri);
    } finally {
      await sqlite.process.stop();
    }
    process.stdout.write('postgresql handler\n');
    const pg = await startPostgres(join(work, 'pg'));
    try {
      const ferret = await startFerretDb(join(work, 'ferret-pg'), { postgresqlUrl: pg.url });
      try {
        results.postgresql = await workload(ferret.uri);
      } finally {
        await ferret.process.stop();
      }
    } finally {
      pg.stop();
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  const report = {
    benchmark: 'ferretdb-backends',
    date: new Date().toISOString(),
    sizes: SIZES,
    unit: 'mean milliseconds per operation',
    results,
  };
  const out = join(REPO_ROOT, 'bench', 'results', 'ferretdb-backends.json');
  writeFileSync(out, `${JSON.stringify(report, null, 2)}\n`);
  process.stdout.write(`${JSON.stringify(report, null, 2)}\nwritten to ${out}\n`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
