import 'reflect-metadata';
import { createServer, type Server } from 'node:http';
import { NestFactory } from '@nestjs/core';
import type { INestApplicationContext } from '@nestjs/common';
import { Logger } from 'nestjs-pino';
import type { LedgerConfig } from '@ledger/config';
import { RetentionModule } from './retention.module';
import { RetentionMetrics } from './sweep/retention-metrics';
import { RetentionSweep, type SweepReport } from './sweep/retention-sweep';
import type { Clock } from './tokens';

export interface RetentionWorker {
  app: INestApplicationContext;
  /** One sweep now (what the interval runs). */
  sweep(): Promise<SweepReport>;
  /** Sweeps now, then every interval; serves /metrics. Resolves once listening. */
  start(): Promise<{ metricsPort: number }>;
  close(): Promise<void>;
}

/** The retention worker (apps/retention): a Nest application context, a timer and a metrics endpoint. */
export async function createRetentionWorker(
  config: LedgerConfig,
  overrides: { clock?: Clock } = {},
): Promise<RetentionWorker> {
  const app = await NestFactory.createApplicationContext(RetentionModule.forRoot(config, overrides), {
    bufferLogs: true,
  });
  app.useLogger(app.get(Logger));
  const sweeper = app.get(RetentionSweep);
  const metrics = app.get(RetentionMetrics);
  const logger = app.get(Logger);
  let timer: NodeJS.Timeout | undefined;
  let server: Server | undefined;
  let running: Promise<unknown> = Promise.resolve();
  const sweepLogged = () => {
    // One sweep at a time; a failed one is logged and the next interval tries again.
    running = running.then(() =>
      sweeper.run().catch((error: unknown) => logger.error(`retention sweep failed: ${String(error)}`)),
    );
    return running;
  };
  return {
    app,
    sweep: () => sweeper.run(),
    async start() {
      server = createServer((request, response) => {
        if (request.url !== '/metrics') {
          response.writeHead(404).end();
          return;
        }
        void metrics.registry.metrics().then((text) => {
          response.writeHead(200, { 'content-type': metrics.registry.contentType }).end(text);
        });
      });
      await new Promise<void>((resolve) =>
        server!.listen(config.retention.metricsPort, config.http.host, resolve),
      );
      void sweepLogged();
      timer = setInterval(() => void sweepLogged(), config.retention.intervalMs);
      const address = server.address();
      return { metricsPort: typeof address === 'object' && address !== null ? address.port : 0 };
    },
    async close() {
      if (timer) clearInterval(timer);
      await running;
      await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
      await app.close();
    },
  };
}
