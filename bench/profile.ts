/**
 * `npm run bench:profile`: where the CPU time goes on the paths whose goals are missed. Runs
 * the API (or the projector) under `--cpu-prof` while one load runs, then sums the profile's
 * self time by where the code comes from (our code, each npm package, Node's internals, GC)
 * and lists the costliest functions. Writes bench/results/profile-<timestamp>.txt.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { assertSupportedRuntime } from '@ledger/config';
import { startLocalInfra } from '../scripts/local-infra/local-infra';
import { REPO_ROOT } from '../scripts/local-infra/provision';
import { batch } from './scenarios/batch';
import { authorized, BenchStack, consents } from './support/bench-stack';
import { throughput } from './support/measure';

/** Every consent names the notice shown (policy 2026-11-29, issue 13 finding 1). */
const NOTICE = { id: 'prospecting-notice', version: '2026-01' };

const SECONDS = Number(process.env.BENCH_PROFILE_SECONDS ?? 15);
const BATCH_LINES = Number(process.env.BENCH_PROFILE_BATCH_LINES ?? 1_000_000);
const log = (line: string) => process.stderr.write(`[profile] ${line}\n`);
/** BENCH_PROFILE_ONLY=decisions,appends profiles those loads alone. */
const ONLY = process.env.BENCH_PROFILE_ONLY?.split(',').map((name) => name.trim());

interface ProfileNode {
  id: number;
  children?: number[];
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}

/** Where a function's code comes from, in words a reader of the summary recognises. */
function origin(url: string, functionName: string): string {
  if (url === '') return functionName.startsWith('(') ? functionName : '(native)';
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1];
  if (url.startsWith('node:'))
    return `node:${url.slice(5).split('/')[0] === 'internal' ? url.slice(14).split('/')[0] : url.slice(5)}`;
  const ours = /\/dist\/((?:apps|libs)\/[^/]+)/.exec(url);
  return ours ? `ledger ${ours[1]}` : url;
}

function summarise(file: string, title: string): string {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as {
    nodes: ProfileNode[];
    startTime: number;
    endTime: number;
    samples: number[];
  };
  const interval = (profile.endTime - profile.startTime) / 1000 / profile.samples.length; // ms
  const byOrigin = new Map<string, number>();
  const byFunction = new Map<string, number>();
  let busy = 0;
  for (const node of profile.nodes) {
    const ms = (node.hitCount ?? 0) * interval;
    if (ms === 0 || node.callFrame.functionName === '(idle)') continue;
    busy += ms;
    const from = origin(node.callFrame.url, node.callFrame.functionName);
    byOrigin.set(from, (byOrigin.get(from) ?? 0) + ms);
    const name = `${node.callFrame.functionName || '(anonymous)'} ${from}:${node.callFrame.lineNumber + 1}`;
    byFunction.set(name, (byFunction.get(name) ?? 0) + ms);
  }
  // Native time (socket writes, hashing) is charged to the nearest JavaScript caller outside Node.
  const parent = new Map<number, ProfileNode>();
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node);
  const nativeCallers = new Map<string, number>();
  for (const node of profile.nodes) {
    const ms = (node.hitCount ?? 0) * interval;
    if (ms === 0 || node.callFrame.url !== '' || node.callFrame.functionName.startsWith('(')) continue;
    let caller = parent.get(node.id);
    while (caller && (caller.callFrame.url === '' || caller.callFrame.url.startsWith('node:')))
      caller = parent.get(caller.id);
    const frame = caller ? byId.get(caller.id)!.callFrame : undefined;
    const name = `${node.callFrame.functionName} ← ${
      frame ? `${frame.functionName || '(anonymous)'} ${origin(frame.url, frame.functionName)}` : '(root)'
    }`;
    nativeCallers.set(name, (nativeCallers.get(name) ?? 0) + ms);
  }
  const total = (profile.endTime - profile.startTime) / 1000;
  const rows = (map: Map<string, number>, n: number) =>
    [...map]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([name, ms]) => `  ${((100 * ms) / busy).toFixed(1).padStart(5)}%  ${name}`);
  return [
    `## ${title}`,
    `process busy ${((100 * busy) / total).toFixed(0)}% of ${(total / 1000).toFixed(1)} s (one core = 100%)`,
    'self time by origin (share of busy time):',
    ...rows(byOrigin, 18),
    'costliest functions (self time):',
    ...rows(byFunction, 25),
    'native time by the first caller outside Node:',
    ...rows(nativeCallers, 10),
    '',
  ].join('\n');
}

async function main(): Promise<void> {
  assertSupportedRuntime();
  const startedAt = new Date();
  const dir = mkdtempSync(join(tmpdir(), 'consent-ledger-profile-'));
  const infra = await startLocalInfra(dir, process.env);
  const stack = new BenchStack(infra.kafkaBrokers, infra.mongoUri, `p${startedAt.getTime()}`);
  const sections: string[] = [];
  const profiled = async (name: string, run: (nodeArgs: string[]) => Promise<string>) => {
    if (ONLY !== undefined && !ONLY.includes(name)) return;
    const profileDir = join(dir, name);
    mkdirSync(profileDir);
    const outcome = await run(['--cpu-prof', `--cpu-prof-dir=${profileDir}`]);
    const [file] = readdirSync(profileDir).filter((f) => f.endsWith('.cpuprofile'));
    if (!file) throw new Error(`no CPU profile written for ${name}`);
    sections.push(summarise(join(profileDir, file), `${name}: ${outcome}`));
    log(`${name} profiled`);
  };
  try {
    await stack.startProjector();
    await stack.produce(consents(0, 10_000));
    await stack.caughtUp();

    await profiled('decisions', async (nodeArgs) => {
      await stack.startApi(nodeArgs);
      const perSecond = await throughput(32, SECONDS, (n) =>
        fetch(`${stack.apiUrl}/v1/decisions`, {
          method: 'POST',
          headers: authorized,
          body: JSON.stringify({
            subject: { subjectId: `bench-${(n * 7919) % 10_000}` },
            purpose: 'prospecting',
            channel: 'email',
          }),
        }).then((r) => r.arrayBuffer()),
      );
      await stack.stopApi();
      return `${perSecond} decisions/s at 32 connections, API process`;
    });

    await profiled('appends', async (nodeArgs) => {
      await stack.startApi(nodeArgs);
      const perSecond = await throughput(32, SECONDS, (n) =>
        fetch(`${stack.apiUrl}/v1/subjects/bench-profile-${n % 5000}/consents`, {
          method: 'POST',
          headers: authorized,
          body: JSON.stringify({
            purpose: 'prospecting',
            channels: ['email'],
            source: { collectionPoint: 'bench', method: 'api' },
            notice: NOTICE,
          }),
        }).then((r) => r.arrayBuffer()),
      );
      await stack.stopApi();
      return `${perSecond} appends/s at 32 connections, API process`;
    });

    await profiled('projection', async (nodeArgs) => {
      await stack.stopProjector();
      const events = 100_000;
      await stack.produce(consents(10_000, 10_000 + events));
      const started = Date.now();
      await stack.startProjector(nodeArgs);
      await stack.caughtUp();
      const perSecond = Math.round(events / ((Date.now() - started) / 1000));
      await stack.stopProjector();
      return `catch-up of ${events.toLocaleString('en')} events at ${perSecond}/s, projector process`;
    });

    await profiled('batch', async (nodeArgs) => {
      await stack.startProjector();
      await stack.startApi(nodeArgs);
      const { results } = await batch(stack, BATCH_LINES, 110_000);
      await stack.stopApi();
      return `${BATCH_LINES.toLocaleString('en')} lines over 110,000 subjects at ${results.ledgerLinesPerSecond} lines/s (raw driver ${results.rawLinesPerSecond}), API process`;
    });
  } finally {
    await stack.close();
    await infra.stop();
    rmSync(dir, { recursive: true, force: true });
  }
  const report = `# CPU profiles, ${startedAt.toISOString()}\n\n${sections.join('\n')}`;
  const resultsDir = join(REPO_ROOT, 'bench', 'results');
  mkdirSync(resultsDir, { recursive: true });
  const file = join(resultsDir, `profile-${startedAt.toISOString().replace(/[:.]/g, '-')}.txt`);
  writeFileSync(file, report);
  process.stdout.write(`${report}\nwritten to ${file}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
