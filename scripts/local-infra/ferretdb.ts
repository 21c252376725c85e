import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { freePort, startGuarded, waitUntilReady, type ManagedProcess } from './managed-process';
import { ferretDbVersionOf, provisionFerretDb } from './provision';

export interface LocalFerretDb {
  uri: string;
  version: string;
  process: ManagedProcess;
}

/** FerretDB v1 on its SQLite handler: one file per database under the work dir. */
export async function startFerretDb(workDir: string): Promise<LocalFerretDb> {
  const binary = provisionFerretDb();
  const dataDir = join(workDir, 'data');
  mkdirSync(dataDir, { recursive: true });
  const port = await freePort();
  const proc = startGuarded(
    'ferretdb',
    binary,
    [
      '--handler=sqlite',
      `--sqlite-url=file:${dataDir}/`,
      `--listen-addr=127.0.0.1:${port}`,
      `--state-dir=${workDir}`,
      '--telemetry=disable',
      '--debug-addr=-',
      '--log-level=warn',
    ],
    { logFile: join(workDir, 'ferretdb.log') },
  );
  await waitUntilReady(proc, { port, timeoutMs: 30_000 });
  return { uri: `mongodb://127.0.0.1:${port}/`, version: ferretDbVersionOf(binary), process: proc };
}
