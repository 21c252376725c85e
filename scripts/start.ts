/**
 * `npm start`: the whole ledger on one machine. Starts local Kafka and FerretDB unless
 * KAFKA_BROKERS / MONGODB_URI point elsewhere, then the API and the projector; Ctrl-C stops all.
 */
import { homedir } from 'node:os';
import { join } from 'node:path';
import { DEV_ADMIN_KEY, DEV_MASTER_KEY, unsupportedRuntime } from '@ledger/config';
import { logScrubber } from '@ledger/logging';
import { APP_NODE_ARGS, type AppName } from './app-runtime';
import { startLocalInfra, type LocalInfra } from './local-infra/local-infra';
import { startGuarded, type ManagedProcess } from './local-infra/managed-process';
import { REPO_ROOT } from './local-infra/provision';

function log(message: string): void {
  process.stderr.write(`[ledger] ${message}\n`);
}

async function waitForHealth(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const response = await fetch(url);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${url} did not answer 200 within ${timeoutMs} ms`);
}

async function main(): Promise<void> {
  const runtimeProblem = unsupportedRuntime(process.version);
  if (runtimeProblem) {
    log(runtimeProblem);
    process.exit(1);
  }
  const dataDir = process.env.LEDGER_DATA_DIR ?? join(homedir(), '.local', 'share', 'consent-ledger', 'dev');
  const adminKeySource = process.env.LEDGER_ADMIN_KEY ? 'LEDGER_ADMIN_KEY' : 'development default';
  const adminKey = process.env.LEDGER_ADMIN_KEY || DEV_ADMIN_KEY;
  const localInfra = !process.env.KAFKA_BROKERS && !process.env.MONGODB_URI;
  // The published key opens a ledger only on the broker and database started here, never on real ones.
  if (!localInfra && adminKey === DEV_ADMIN_KEY) {
    log(
      'KAFKA_BROKERS or MONGODB_URI is set: set LEDGER_ADMIN_KEY to a secret of 24+ characters (the development key is only for the local infrastructure)',
    );
    process.exit(1);
  }
  // Likewise the published master key: it only ever seals data on the local infrastructure.
  const masterKey = process.env.LEDGER_MASTER_KEY || (localInfra ? DEV_MASTER_KEY : undefined);
  if (masterKey === undefined) {
    log(
      'KAFKA_BROKERS or MONGODB_URI is set: set LEDGER_MASTER_KEY (openssl rand -base64 32) and keep it safe',
    );
    process.exit(1);
  }
  let infra: LocalInfra | undefined;
  const apps: ManagedProcess[] = [];
  let stopping: Promise<never> | undefined;

  // The first reason to stop decides the exit code; later ones (an app exiting because we
  // stopped it, a start-up wait noticing it) join the same shutdown.
  const stopAll = (code: number): Promise<never> => {
    stopping ??= (async () => {
      log('stopping…');
      await Promise.allSettled(apps.map((app) => app.stop()));
      await infra?.stop();
      log('stopped');
      process.exit(code);
    })();
    return stopping;
  };
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(signal, () => void stopAll(0));
  }
  // Whoever launched us (npm, a test runner) was killed outright: we were re-parented, so stop.
  const launcher = process.ppid;
  setInterval(() => {
    if (process.ppid !== launcher) {
      log('the launching process is gone');
      void stopAll(1);
    }
  }, 1000).unref();

  try {
    if (!process.env.KAFKA_BROKERS || !process.env.MONGODB_URI) {
      log(`starting local infrastructure in ${dataDir} (first run downloads and builds it)`);
    }
    infra = await startLocalInfra(dataDir);
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      KAFKA_BROKERS: infra.kafkaBrokers,
      MONGODB_URI: infra.mongoUri,
      LEDGER_ADMIN_KEY: adminKey,
      LEDGER_MASTER_KEY: masterKey,
      ...(localInfra ? { LEDGER_LOCAL_INFRA: '1' } : {}),
    };
    // Supervisor: an app that exits unexpectedly is restarted with backoff (1 s doubling to
    // 30 s; back to 1 s once it has run for a minute), never taking the whole ledger down.
    const supervise = (app: AppName, restarts = 0): void => {
      const startedAt = Date.now();
      const process_ = startGuarded(
        app,
        process.execPath,
        [...APP_NODE_ARGS[app], join(REPO_ROOT, 'dist', 'apps', app, 'src', 'main.js')],
        {
          env,
          onExit: (code, signal) => {
            if (stopping !== undefined) return;
            const failures = Date.now() - startedAt > 60_000 ? 0 : restarts + 1;
            const delayMs = Math.min(30_000, 1000 * 2 ** Math.max(0, failures - 1));
            log(`${app} exited (${signal ?? `code ${code}`}); restarting in ${delayMs / 1000} s`);
            setTimeout(() => {
              if (stopping !== undefined) return;
              apps.splice(apps.indexOf(process_), 1);
              supervise(app, failures);
            }, delayMs);
          },
        },
      );
      apps.push(process_);
    };
    for (const app of ['ledger-api', 'projector', 'retention'] as const) supervise(app);
    const port = env.HTTP_PORT ?? '3000';
    const host = env.HTTP_HOST ?? '127.0.0.1';
    const url = `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}`;
    await waitForHealth(`${url}/health`, 120_000);
    const lines = [
      '',
      `Consent ledger is up: ${url}`,
      `  health:     ${url}/health`,
      `  console:    ${url}/console/  (the DPO console: sign in with the admin key, or a key with the console scope)`,
      `  runtime:    Node.js ${process.version}`,
      `  admin key:  ${adminKeySource === 'LEDGER_ADMIN_KEY' ? 'from LEDGER_ADMIN_KEY' : `${adminKey}  (development default; set LEDGER_ADMIN_KEY to choose one)`}`,
      `  kafka:      ${infra.kafkaBrokers}${process.env.KAFKA_BROKERS ? ' (KAFKA_BROKERS)' : ' (local)'}`,
      `  mongodb:    ${logScrubber({ adminKey })(infra.mongoUri)}${process.env.MONGODB_URI ? ' (MONGODB_URI)' : ' (local FerretDB)'}`,
      `  retention:  sweeps every ${Number(env.LEDGER_RETENTION_INTERVAL_MS ?? 3_600_000) / 1000} s; metrics on ${host}:${env.LEDGER_RETENTION_METRICS_PORT ?? '9465'}/metrics`,
      ...(infra.logFiles.length > 0 ? [`  infra logs: ${infra.logFiles.join(', ')}`] : []),
      'Press Ctrl-C to stop everything.',
      '',
    ];
    process.stderr.write(lines.join('\n') + '\n');
  } catch (error) {
    if (stopping === undefined) log(error instanceof Error ? error.message : String(error));
    await stopAll(1);
  }
}

void main();
