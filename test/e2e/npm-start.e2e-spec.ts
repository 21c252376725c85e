import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../../scripts/local-infra/managed-process';
import { REPO_ROOT } from '../../scripts/local-infra/provision';
import { PINNED_NODE, machinePath } from '../support/pinned-runtime';
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
  /** The exit code, or the signal that ended it. */
  exited: Promise<number | NodeJS.Signals | null>;
}

/**
 * The ledger as a newcomer starts it: no KAFKA_BROKERS or MONGODB_URI, own process group.
 * `via: 'npm'` runs `npm start` itself from a shell whose `node` is the machine's.
 */
async function startLedger(via: 'npm' | 'script'): Promise<Started> {
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
  const child =
    via === 'npm'
      ? spawn('npm', ['start', '--silent'], {
          cwd: REPO_ROOT,
          env: { ...env, PATH: machinePath() },
          detached: true,
          stdio: 'ignore',
        })
      : spawn(process.execPath, [START_SCRIPT], { env, detached: true, stdio: 'ignore' });
  const exited = new Promise<number | NodeJS.Signals | null>((resolve) =>
    child.once('exit', (code, signal) => resolve(code ?? signal)),
  );
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

  it('brings /health to 200 on the pinned Node.js LTS, and Ctrl-C stops the apps, Kafka and FerretDB', async () => {
    const started = await startLedger('npm');
    dirs.push(started.dataDir);
    const metrics = await (await fetch(`${started.url}/metrics`)).text();
    expect(metrics).toMatch(new RegExp(`nodejs_version_info\\{version="${PINNED_NODE}"`));
    expect(processesUsing(started.dataDir).some((line) => line.includes('kafka.Kafka'))).toBe(true);
    expect(processesUsing(started.dataDir).some((line) => line.includes('ferretdb'))).toBe(true);

    process.kill(-started.child.pid!, 'SIGINT'); // the whole foreground group, as a terminal does
    // npm re-raises the interrupt on itself once the ledger has stopped cleanly, as in a terminal.
    expect([0, 'SIGINT']).toContain(await started.exited);
    expect(processesUsing(started.dataDir)).toEqual([]);
  });

  it('leaves nothing behind even when it is killed outright', async () => {
    const started = await startLedger('script');
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
