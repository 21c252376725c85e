import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import type { LedgerConfig } from '@ledger/config';
import { ProblemDetailsFilter } from './http/problem-details.filter';
import { NDJSON } from './decisions/decide-batch/decide-batch.controller';
import { createValidationPipe } from './http/validation';
import { LedgerMetrics } from './metrics/ledger-metrics';
import { LedgerApiModule, type LedgerApiOverrides } from './ledger-api.module';

/** Write bodies are small documents; anything larger is refused with 413 before parsing. */
export const BODY_LIMIT_BYTES = 64 * 1024;

/** Builds the HTTP application without listening, so tests and main share one wiring. */
export async function createLedgerApi(
  config: LedgerConfig,
  overrides: LedgerApiOverrides = {},
): Promise<NestFastifyApplication> {
  const app = await NestFactory.create<NestFastifyApplication>(
    LedgerApiModule.forRoot(config, overrides),
    new FastifyAdapter({ bodyLimit: BODY_LIMIT_BYTES }),
    { bufferLogs: true },
  );
  app.useLogger(app.get(Logger));
  // JSON only: Fastify would otherwise hand a text/plain body to the validators as a string.
  const fastify = app.getHttpAdapter().getInstance();
  fastify.removeContentTypeParser(['text/plain']);
  // Batch lists are streamed, never buffered: the handler reads the request as it answers.
  fastify.addContentTypeParser(NDJSON, (_request, payload, done) => done(null, payload));
  // Request durations by route pattern (never the raw URL: ids and emails stay out of labels).
  const metrics = app.get(LedgerMetrics);
  fastify.addHook('onResponse', (request, reply, done) => {
    metrics.httpDuration.observe(
      {
        method: request.method,
        route: request.routeOptions.url ?? 'unmatched',
        status: String(reply.statusCode),
      },
      reply.elapsedTime / 1000,
    );
    done();
  });
  app.useGlobalFilters(new ProblemDetailsFilter());
  app.useGlobalPipes(createValidationPipe());
  app.enableShutdownHooks();
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Consent Ledger')
      .setDescription(
        'Consents, oppositions and preferences as immutable events; decisions from read models. ' +
          'Errors are application/problem+json with a stable type.',
      )
      .setVersion('1')
      .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'API key' })
      .build(),
  );
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'openapi.json' });
  return app;
}
