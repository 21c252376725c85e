import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
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

export interface PinnedVersions {
  kafka: string;
  ferretdb: string;
}

export function pinnedVersions(): PinnedVersions {
  const text = readFileSync(join(REPO_ROOT, 'infra', 'versions.env'), 'utf8');
  const value = (name: string): string => {
    const match = new RegExp(`^${name}=(\\S+)$`, 'm').exec(text);
    if (!match) throw new Error(`infra/versions.env lacks ${name}`);
    return match[1];
  };
  return { kafka: value('KAFKA_VERSION'), ferretdb: value('FERRETDB_VERSION') };
}

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
