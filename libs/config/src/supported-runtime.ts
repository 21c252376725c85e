import { ConfigError } from './ledger-config';

/** The Node.js LTS the ledger runs on; package.json `engines` says the same (a unit test checks). */
export const SUPPORTED_NODE = { major: 24, minimum: [24, 21, 0] } as const;

/** Why `version` (a `process.version`) cannot run the ledger, or undefined when it can. */
export function unsupportedRuntime(version: string): string | undefined {
  const parts = /^v?(\d+)\.(\d+)\.(\d+)/.exec(version)?.slice(1).map(Number);
  const [major, minor, patch] = parts ?? [];
  const [, minMinor, minPatch] = SUPPORTED_NODE.minimum;
  const supported =
    major === SUPPORTED_NODE.major &&
    minor !== undefined &&
    patch !== undefined &&
    (minor > minMinor || (minor === minMinor && patch >= minPatch));
  if (supported) return undefined;
  return (
    `Node.js ${version} is not supported: the ledger holds personal data and runs on Node.js ` +
    `${SUPPORTED_NODE.major} LTS (${SUPPORTED_NODE.minimum.join('.')} or later). Start it through npm ` +
    '(`npm start`, `npx ledger …`), which runs the LTS pinned in node_modules/.bin.'
  );
}

/** A ConfigError, so every entry point prints it as one plain message and exits 1. */
export class UnsupportedRuntimeError extends ConfigError {
  constructor(problem: string) {
    super([problem]);
    this.name = 'UnsupportedRuntimeError';
    this.message = problem;
  }
}

// Every entry point calls this first: a runtime without security fixes must not handle the data.
export function assertSupportedRuntime(version: string = process.version): void {
  const problem = unsupportedRuntime(version);
  if (problem) throw new UnsupportedRuntimeError(problem);
}
