import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { createConnection, createServer } from 'node:net';
import { join } from 'node:path';
import { REPO_ROOT } from './provision';

export interface ManagedProcess {
  name: string;
  logFile: string | undefined;
  /** The guard's pid; the service itself runs as the guard's child (see servicePid). */
  pid: number;
  running(): boolean;
  stop(): Promise<void>;
}

/**
 * Starts a service under scripts/infra/guard.sh, which stops it when this process dies
 * (even by SIGKILL), so an interrupted run cannot leave a broker or database behind.
 */
export function startGuarded(
  name: string,
  command: string,
  args: string[],
  options: {
    logFile?: string;
    env?: NodeJS.ProcessEnv;
    onExit?: (code: number | null, signal: NodeJS.Signals | null) => void;
  },
): ManagedProcess {
  // Without a log file the service writes to this terminal (the apps under npm start).
  const fd = options.logFile === undefined ? 'inherit' : openSync(options.logFile, 'a');
  const child: ChildProcess = spawn(
    'bash',
    [join(REPO_ROOT, 'scripts', 'infra', 'guard.sh'), String(process.pid), command, ...args],
    { stdio: ['ignore', fd, fd], env: options.env ?? process.env },
  );
  if (typeof fd === 'number') closeSync(fd);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.once('exit', (code, signal) => options.onExit?.(code, signal));
  if (child.pid === undefined) throw new Error(`could not start ${name}`);
  return {
    name,
    logFile: options.logFile,
    pid: child.pid,
    running: () => child.exitCode === null && child.signalCode === null,
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      await exited;
    },
  };
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

function logTail(file: string | undefined, lines = 30): string {
  if (file === undefined) return '(see above)';
  try {
    return readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

/** Polls until the port accepts connections and, if given, the log shows the ready line. */
export async function waitUntilReady(
  service: ManagedProcess,
  check: { port: number; logLine?: string; timeoutMs: number },
): Promise<void> {
  const deadline = Date.now() + check.timeoutMs;
  while (Date.now() < deadline) {
    if (!service.running()) {
      throw new Error(`${service.name} exited during start; last log lines:\n${logTail(service.logFile)}`);
    }
    const logged =
      check.logLine === undefined ||
      (service.logFile !== undefined && readFileSync(service.logFile, 'utf8').includes(check.logLine));
    if (logged && (await canConnect(check.port))) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  await service.stop();
  throw new Error(
    `${service.name} was not ready within ${check.timeoutMs} ms; last log lines:\n${logTail(service.logFile)}`,
  );
}

/** The service's own pid (the guard's child), for tests that signal the service itself. */
export function servicePid(service: ManagedProcess): number | undefined {
  let out: string;
  try {
    out = execFileSync('pgrep', ['-P', String(service.pid)], { encoding: 'utf8' }).trim();
  } catch {
    return undefined; // pgrep exits 1 when the guard has no child
  }
  // The guard's other child is its polling `sleep`, which may end while we look: skip it then.
  const commandOf = (pid: number): string | undefined => {
    try {
      return readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
    } catch {
      return undefined;
    }
  };
  return out
    .split('\n')
    .map(Number)
    .find((pid) => pid > 0 && ![undefined, 'sleep'].includes(commandOf(pid)));
}
