import { existsSync, readFileSync, rmSync } from 'node:fs';
import { auditLogs } from '../support/log-audit';
// A jest global hook resolves no path alias: the key's module, by its path.
import { TEST_ADMIN_KEY, TEST_MASTER_KEY } from '../../libs/testing/src/test-admin-key';

/**
 * Stops the run's servers, then reads every line the apps of the run logged: one key, minted
 * secret, email or phone in clear fails the run (issue 12), as does a run that logged nothing.
 */
export default async function globalTeardown(): Promise<void> {
  const state = globalThis.__LEDGER_TEST_INFRA__;
  if (!state) return;
  await state.infra.stop();
  const logFile = process.env.LEDGER_TEST_LOG_FILE;
  const logs = logFile !== undefined && existsSync(logFile) ? readFileSync(logFile, 'utf8') : '';
  rmSync(state.workDir, { recursive: true, force: true });
  // A partial run (a pattern) may start no app; a run that served requests must have logged them.
  if (logs === '') return;
  const findings = [
    ...(logs.includes('request completed') ? [] : ['no request was logged: the audit would prove nothing']),
    ...auditLogs(logs, [TEST_ADMIN_KEY, TEST_MASTER_KEY]),
  ];
  const lines = logs.split('\n').length - 1;
  if (findings.length > 0) {
    throw new Error(`the apps' logs of this run (${lines} lines) hold:\n  ${findings.join('\n  ')}`);
  }
  process.stdout.write(
    `[logs] ${lines} lines the apps logged in this run hold no key, secret, email or phone\n`,
  );
}
