import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../../scripts/local-infra/managed-process';
import { eventually } from '../support/test-ledger';

const START_SCRIPT = join(__dirname, '..', '..', 'dist', 'scripts', 'start.js');

/** Processes whose command line mentions the data dir: the broker, FerretDB and their guards. */
function processesUsing(dir: string): string[] {
  try {
    return execFileSync('pgrep', ['-af', dir], { encoding: 'utf8' }).trim().split('\n').filter(Boolean);
  } catch {
    return []; // pgrep exits 1 when nothing matches
  }
}

interface Started {
  child: ChildProcess;
  dataDir: string;
  url: string;
  exited: Promise<number | null>;
}

/** `npm start` as a newcomer runs it: no KAFKA_BROKERS or MONGODB_URI, own process group. */
async function startLedger(): Promise<Started> {
  if (!existsSync(START_SCRIPT)) throw new Error(`${START_SCRIPT} is missing: run npm run build first`);
  const dataDir = mkdtempSync(join(tmpdir(), 'consent-ledger-start-'));
  const port = await freePort();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    LEDGER_DATA_DIR: dataDir,
    HTTP_PORT: String(port),
    LOG_LEVEL: 'warn',
  };
  delete env.KAFKA_BROKERS;
  delete env.MONGODB_URI;
  delete env.LEDGER_ADMIN_KEY;
  const child = spawn(process.execPath, [START_SCRIPT], { env, detached: true, stdio: 'ignore' });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = `http://127.0.0.1:${port}`;
  await eventually(
    async () => {
      if (child.exitCode !== null) throw new Error(`npm start exited early with ${child.exitCode}`);
      const response = await fetch(`${url}/health`).catch(() => undefined);
      return response?.status === 200 ? true : undefined;
    },
    90_000,
    250,
  );
  return { child, dataDir, url, exited };
}

describe('npm start', () => {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

  it('brings /health to 200, and Ctrl-C stops the apps, Kafka and FerretDB', async () => {
    const started = await startLedger();
    dirs.push(started.dataDir);
    expect(processesUsing(started.dataDir).some((line) => line.includes('kafka.Kafka'))).toBe(true);
    expect(processesUsing(started.dataDir).some((line) => line.includes('ferretdb'))).toBe(true);

    process.kill(-started.child.pid!, 'SIGINT'); // the whole foreground group, as a terminal does
    expect(await started.exited).toBe(0);
    expect(processesUsing(started.dataDir)).toEqual([]);
  });

  it('leaves nothing behind even when it is killed outright', async () => {
    const started = await startLedger();
    dirs.push(started.dataDir);
    process.kill(started.child.pid!, 'SIGKILL');
    await started.exited;
    await eventually(
      async () => (processesUsing(started.dataDir).length === 0 ? true : undefined),
      60_000,
      250,
    );
    await expect(fetch(`${started.url}/health`)).rejects.toThrow();
  });
});
