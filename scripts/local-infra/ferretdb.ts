import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { freePort, startGuarded, waitUntilReady, type ManagedProcess } from './managed-process';
import { ferretDbVersionOf, provisionFerretDb } from './provision';

export interface LocalFerretDb {
  uri: string;
  version: string;
  process: ManagedProcess;
  port: number;
}

/**
 * FerretDB v1, by default on its SQLite handler (one file per database under the work dir):
 * with infra/ferretdb/sqlite-id-index.patch its `_id` reads and writes stay flat as collections
 * grow, where the PostgreSQL handler's grow linearly (bench/results/ferretdb-backends.json).
 */
export async function startFerretDb(
  workDir: string,
  options: { postgresqlUrl?: string; port?: number; debugPort?: number } = {},
): Promise<LocalFerretDb> {
  const binary = provisionFerretDb();
  const dataDir = join(workDir, 'data');
  mkdirSync(dataDir, { recursive: true });
  const port = options.port ?? (await freePort());
  const proc = startGuarded(
    'ferretdb',
    binary,
    [
      ...(options.postgresqlUrl
        ? ['--handler=postgresql', `--postgresql-url=${options.postgresqlUrl}`]
        : ['--handler=sqlite', `--sqlite-url=file:${dataDir}/`]),
      `--listen-addr=127.0.0.1:${port}`,
      `--state-dir=${workDir}`,
      '--telemetry=disable',
      // The debug listener serves Prometheus metrics (open cursors, SQLite connections in use).
      options.debugPort !== undefined ? `--debug-addr=127.0.0.1:${options.debugPort}` : '--debug-addr=-',
      '--log-level=warn',
    ],
    { logFile: join(workDir, 'ferretdb.log') },
  );
  await waitUntilReady(proc, { port, timeoutMs: 30_000 });
  // Our build carries infra/ferretdb/*.patch; say so wherever the version is printed.
  return {
    uri: `mongodb://127.0.0.1:${port}/`,
    version: `${ferretDbVersionOf(binary)} (patched)`,
    process: proc,
    port,
  };
}
