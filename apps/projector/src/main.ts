import { Logger } from 'nestjs-pino';
import { ConfigError, loadConfig } from '@ledger/config';
import { createProjector } from './projector.app';

async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const app = await createProjector(config);
  await app.init();
  app.get(Logger).log(`projector consuming ${config.kafka.eventsTopic} as ${config.kafka.projectorGroupId}`);
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
