import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../../scripts/local-infra/provision';

/** The Node.js the project pins (its dev dependency `node`), as `process.version` spells it. */
export const PINNED_NODE = `v${JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')).devDependencies.node}`;

/** The caller's PATH without any node_modules/.bin: the machine's own `node` comes first. */
export function machinePath(): string {
  return (process.env.PATH ?? '')
    .split(':')
    .filter((dir) => !dir.endsWith('node_modules/.bin'))
    .join(':');
}
