import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startLocalInfra, type LocalInfra } from '../../scripts/local-infra/local-infra';
import { groupCoordinatorReady } from '../support/kafka-warm-up';

declare global {
  var __LEDGER_TEST_INFRA__: { infra: LocalInfra; workDir: string } | undefined;
}

/**
 * Starts Kafka and FerretDB once per run (unless KAFKA_BROKERS / MONGODB_URI are given) and
 * gives the run an id, so that topic and database names never meet another run's.
 */
export default async function globalSetup(): Promise<void> {
  const workDir = mkdtempSync(join(tmpdir(), 'consent-ledger-test-'));
  const started = Date.now();
  const infra = await startLocalInfra(workDir, process.env);
  process.env.KAFKA_BROKERS = infra.kafkaBrokers;
  process.env.MONGODB_URI = infra.mongoUri;
  // Every app a test file starts in-process appends here; global-teardown audits the whole run.
  process.env.LEDGER_TEST_LOG_FILE = join(workDir, 'apps.log');
  process.env.LEDGER_TEST_RUN_ID = `${started.toString(36)}${process.pid.toString(36)}`;
  globalThis.__LEDGER_TEST_INFRA__ = { infra, workDir };
  await groupCoordinatorReady(infra.kafkaBrokers);
  const what = infra.started.length > 0 ? infra.started.join(' and ') : 'external servers only';
  process.stdout.write(
    `\n[infra] ${what} ready in ${Date.now() - started} ms (kafka ${infra.kafkaBrokers}, mongo ${infra.mongoUri})\n`,
  );
}
