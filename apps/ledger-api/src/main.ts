import { Logger } from 'nestjs-pino';
import { ConfigError, assertSupportedRuntime, loadConfig } from '@ledger/config';
import { createLedgerApi } from './ledger-api.app';

async function main(): Promise<void> {
  assertSupportedRuntime();
  const config = loadConfig(process.env, { requireAdminKey: true, requireMasterKey: true });
  const app = await createLedgerApi(config);
  await app.listen(config.http.port, config.http.host);
  app.get(Logger).log(`ledger-api listening on ${await app.getUrl()} (Node.js ${process.version})`);
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
