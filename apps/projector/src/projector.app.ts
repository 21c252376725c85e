import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { INestMicroservice } from '@nestjs/common';
import type { MicroserviceOptions } from '@nestjs/microservices';
import { Logger } from 'nestjs-pino';
import type { LedgerConfig } from '@ledger/config';
import { ProjectorModule } from './projector.module';
import { KafkaBatchTransport } from './transport/kafka-batch.transport';
import { RethrowFilter } from './transport/rethrow.filter';

/** The projector is a Nest microservice over the events topic; `listen()` starts consuming. */
export async function createProjector(config: LedgerConfig): Promise<INestMicroservice> {
  const app = await NestFactory.createMicroservice<MicroserviceOptions>(ProjectorModule.forRoot(config), {
    strategy: new KafkaBatchTransport(config),
    bufferLogs: true,
  });
  app.useLogger(app.get(Logger));
  app.useGlobalFilters(new RethrowFilter());
  app.enableShutdownHooks();
  return app;
}
