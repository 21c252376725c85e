import { Logger } from 'nestjs-pino';
import { ConfigError, assertSupportedRuntime, loadConfig } from '@ledger/config';
import { createProjector } from './projector.app';

async function main(): Promise<void> {
  assertSupportedRuntime();
  const config = loadConfig(process.env, { requireMasterKey: true });
  const app = await createProjector(config);
  await app.listen();
  app
    .get(Logger)
    .log(
      `projector consuming ${config.kafka.eventsTopic} as ${config.kafka.projectorGroupId} (Node.js ${process.version})`,
    );
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
