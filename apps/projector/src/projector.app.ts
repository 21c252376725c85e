import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { INestApplicationContext } from '@nestjs/common';
import { Logger } from 'nestjs-pino';
import type { LedgerConfig } from '@ledger/config';
import { ProjectorModule } from './projector.module';

/** The projector has no HTTP surface: an application context that consumes until closed. */
export async function createProjector(config: LedgerConfig): Promise<INestApplicationContext> {
  const app = await NestFactory.createApplicationContext(ProjectorModule.forRoot(config), {
    bufferLogs: true,
  });
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks();
  return app;
}
