/**
 * `npm run bench`: every scenario of issue 10 against its own baseline, measured in the same run
 * on the same local Kafka and FerretDB. Writes bench/results/<timestamp>.json and the goals table
 * of BENCHMARKS.md. BENCH_QUICK=1 runs small sizes (a check of the bench itself, not figures).
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as prettier from 'prettier';
import { assertSupportedRuntime } from '@ledger/config';
import { startLocalInfra } from '../scripts/local-infra/local-infra';
import { REPO_ROOT } from '../scripts/local-infra/provision';
import { batch } from './scenarios/batch';
import { subjectExports } from './scenarios/exports';
import { decisionLatencyAt, decisions, historyLengths } from './scenarios/decisions';
import { projection, projectionOfUpdates } from './scenarios/projection';
import { lag, writes } from './scenarios/writes';
import { soak } from './scenarios/soak';
import { verifyThroughput } from './scenarios/verify';
import { consoleOpen } from './scenarios/console';
import { BenchStack, consents } from './support/bench-stack';
import type { Goal } from './support/measure';

const QUICK = process.env.BENCH_QUICK === '1';
const SIZES = QUICK
  ? {
      subjects: [1_000, 10_000, 30_000],
      batchLines: 50_000,
      seconds: 3,
      history: [10, 100, 1000],
      verifyEvents: 50_000,
      consoleHistory: [100, 1000],
      consoleOpens: 5,
      soakSeconds: 15,
    }
  : {
      subjects: [10_000, 100_000, 1_000_000],
      batchLines: 1_000_000,
      seconds: 10,
      history: [10, 1000, 10_000],
      verifyEvents: 1_000_000,
      consoleHistory: [100, 10_000],
      consoleOpens: 30,
      soakSeconds: 60,
    };

const log = (line: string) => process.stderr.write(`[bench] ${line}\n`);
/** BENCH_ONLY=batch,projection runs those scenarios alone (seeding what they need): to chase one figure. */
const ONLY = process.env.BENCH_ONLY?.split(',').map((name) => name.trim());
const selected = (name: string) => ONLY === undefined || ONLY.includes(name);

async function main(): Promise<void> {
  assertSupportedRuntime();
  const startedAt = new Date();
  const dir = mkdtempSync(join(tmpdir(), 'consent-ledger-bench-'));
  const infra = await startLocalInfra(dir, process.env);
  const stack = new BenchStack(infra.kafkaBrokers, infra.mongoUri, `b${startedAt.getTime()}`);
  const results: Record<string, unknown> = {};
  const goals: Goal[] = [];
  const failed: string[] = [];
  // A scenario that fails is reported as such; the others still run and are written.
  const record = async <T extends { results: unknown; goals: Goal[] }>(
    name: string,
    run: () => Promise<T>,
  ) => {
    if (!selected(name)) return;
    try {
      const outcome = await run();
      results[name] = outcome.results;
      goals.push(...outcome.goals);
      for (const g of outcome.goals)
        log(
          `${g.met ? 'met   ' : 'missed'} ${g.name}: ${g.figure} / ${g.baseline} = ${g.ratio} (${g.target})`,
        );
    } catch (error) {
      failed.push(name);
      results[name] = { error: error instanceof Error ? error.message : String(error) };
      log(`FAILED ${name}: ${String(error)}`);
    }
  };
  try {
    const [small, medium, large] = SIZES.subjects;
    await stack.startProjector();
    await stack.startApi();
    log(`seeding ${small.toLocaleString('en')} subjects`);
    await stack.produce(consents(0, small));
    await stack.caughtUp();
    const bySubjects = [await decisionLatencyAt(stack, small)];

    log('decisions against the raw driver');
    await record('decisions', () => decisions(stack, small, SIZES.seconds));
    log('decisions by history length');
    await record('historyLengths', () => historyLengths(stack, SIZES.history));
    log('exports of those histories (memory, and speed against the raw driver)');
    await record('exports', () => subjectExports(stack, SIZES.history));
    log('appends and registrations against the raw producer');
    await record('writes', () => writes(stack, SIZES.seconds));
    log('lag at 500 events/s, and read-your-writes');
    await record('lag', () => lag(stack, 500, SIZES.seconds * 2));
    log(`soak: ${SIZES.soakSeconds} s at 300 writes/s over 3,000 subjects, with decisions`);
    await record('soak', () => soak(stack, 300, SIZES.soakSeconds, small));

    log(
      `ledger verify over ${SIZES.verifyEvents.toLocaleString('en')} signed events against a bare SHA-256 + Ed25519 loop`,
    );
    await record('verify', () => verifyThroughput(stack, SIZES.verifyEvents, log));
    log(
      `the DPO console opening a ${SIZES.consoleHistory.at(-1)?.toLocaleString('en')}-event subject in Chromium`,
    );
    await record('console', () => consoleOpen(stack, SIZES.consoleHistory, SIZES.consoleOpens));

    results.decisionLatencyBySubjects = bySubjects;
    if (selected('batch') || selected('projection') || selected('projectionUpdates')) {
      log(`growing to ${medium.toLocaleString('en')} subjects`);
      await stack.produce(consents(small, medium));
      await stack.caughtUp();
      bySubjects.push(await decisionLatencyAt(stack, medium));
    }

    if (selected('batch')) {
      log(
        `batch of ${SIZES.batchLines.toLocaleString('en')} lines over ${medium.toLocaleString('en')} subjects`,
      );
      await stack.stopApi(); // a fresh API process: its peak RSS is the batch's
      await stack.startApi();
      await record('batch', () => batch(stack, SIZES.batchLines, medium));
    }

    if (selected('projectionUpdates')) {
      log(`projection of one update to each of ${medium.toLocaleString('en')} existing subjects`);
      await record('projectionUpdates', () => projectionOfUpdates(stack, medium, log));
    }

    if (selected('projection')) {
      log(`projection catch-up of a ${large.toLocaleString('en')}-event backlog`);
      await record('projection', () => projection(stack, medium, large, log));
      bySubjects.push(await decisionLatencyAt(stack, medium + large));
    }
  } finally {
    await stack.close();
    await infra.stop();
    rmSync(dir, { recursive: true, force: true });
  }

  const report = {
    measuredAt: startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    machine: `${process.platform} ${process.arch}, ${process.env.BENCH_MACHINE ?? 'local'}, node ${process.version}`,
    servers: infra.started,
    quick: QUICK,
    results,
    goals,
  };
  const resultsDir = join(REPO_ROOT, 'bench', 'results');
  mkdirSync(resultsDir, { recursive: true });
  const file = join(resultsDir, `${startedAt.toISOString().replace(/[:.]/g, '-')}.json`);
  writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
  if (!QUICK && ONLY === undefined && failed.length === 0) await writeGoalsTable(goals, file);
  log(`results in ${file}`);
  if (failed.length > 0) throw new Error(`scenario(s) failed: ${failed.join(', ')}`);
}

/** Replaces the table between the markers in BENCHMARKS.md with this run's goals. */
async function writeGoalsTable(goals: Goal[], file: string): Promise<void> {
  const path = join(REPO_ROOT, 'BENCHMARKS.md');
  const text = readFileSync(path, 'utf8');
  const begin = '<!-- bench:goals:begin -->';
  const end = '<!-- bench:goals:end -->';
  const rows = goals.map(
    (g) => `| ${g.name} | ${g.figure} | ${g.baseline} | ${g.ratio} | ${g.target} | ${g.met ? 'yes' : 'no'} |`,
  );
  const table = [
    begin,
    `From \`${file.slice(REPO_ROOT.length + 1)}\`:`,
    '',
    '| goal | figure | baseline | ratio | target | met |',
    '| --- | --- | --- | --- | --- | --- |',
    ...rows,
    end,
  ].join('\n');
  const from = text.indexOf(begin);
  const to = text.indexOf(end);
  const updated =
    from === -1 || to === -1
      ? `${text}\n${table}\n`
      : text.slice(0, from) + table + text.slice(to + end.length);
  // Formatted as the lint step expects, so a committed run never fails `npm test`.
  const options = (await prettier.resolveConfig(path)) ?? {};
  writeFileSync(path, await prettier.format(updated, { ...options, filepath: path }));
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
