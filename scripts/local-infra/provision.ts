import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The repository root, whether this runs from source (tests) or from dist (npm start). */
function findRepoRoot(start: string): string {
  let dir = start;
  while (!existsSync(join(dir, 'infra', 'versions.env'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`no infra/versions.env above ${start}`);
    dir = parent;
  }
  return dir;
}

export const REPO_ROOT = findRepoRoot(__dirname);

/** Runs a provisioning script (cached: instant after the first run) and returns what it printed. */
function runProvisioner(script: string): string {
  const out = execFileSync('bash', [join(REPO_ROOT, 'scripts', 'infra', script)], {
    stdio: ['ignore', 'pipe', 'inherit'],
    encoding: 'utf8',
  });
  return out.trim().split('\n').pop() ?? '';
}

export const provisionKafka = (): string => runProvisioner('provision-kafka.sh');
export const provisionFerretDb = (): string => runProvisioner('provision-ferretdb.sh');

/** The version of the broker actually provisioned, read from its jar's name. */
export function kafkaVersionOf(libsDir: string): string {
  const jar = readdirSync(libsDir).find((name) => /^kafka_2\.13-.+\.jar$/.test(name));
  if (!jar) throw new Error(`no kafka_2.13 jar in ${libsDir}`);
  return jar.replace(/^kafka_2\.13-/, '').replace(/\.jar$/, '');
}

/** The version FerretDB itself reports. */
export function ferretDbVersionOf(binary: string): string {
  const out = execFileSync(binary, ['--version'], { encoding: 'utf8' });
  return /^version: (\S+)$/m.exec(out)?.[1] ?? 'unknown';
}
