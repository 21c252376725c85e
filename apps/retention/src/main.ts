import { Logger } from 'nestjs-pino';
import { ConfigError, assertSupportedRuntime, loadConfig } from '@ledger/config';
import { createRetentionWorker } from './retention.app';

async function main(): Promise<void> {
  assertSupportedRuntime();
  const config = loadConfig(process.env, { requireMasterKey: true });
  const worker = await createRetentionWorker(config);
  const { metricsPort } = await worker.start();
  worker.app
    .get(Logger)
    .log(
      `retention worker sweeping every ${Math.round(config.retention.intervalMs / 1000)} s; metrics on ${config.http.host}:${metricsPort}/metrics (Node.js ${process.version})`,
    );
  const stop = () => void worker.close().then(() => process.exit(0));
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
