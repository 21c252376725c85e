import 'reflect-metadata';
import { createHash } from 'node:crypto';
import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import helmet from 'helmet';
import rateLimit from '@fastify/rate-limit';
import { MethodNotAllowedException } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import type { LedgerConfig } from '@ledger/config';
import { LedgerError } from '@ledger/domain';
import { CONSOLE_PREFIX, serveConsole } from './console/serve-console';
import { completeDocument } from './http/openapi';
import { PROBLEM_CONTENT_TYPE, problemType } from './http/problem-details';
import { allowedMethods, routeOf } from './http/routes';
import { ProblemDetailsFilter } from './http/problem-details.filter';
import { NDJSON } from './http/media-types';
import { createValidationPipe } from './http/validation';
import { LedgerMetrics } from './metrics/ledger-metrics';
import { LedgerApiModule, type LedgerApiOverrides } from './ledger-api.module';

/** Write bodies are small documents; anything larger is refused with 413 before parsing. */
export const BODY_LIMIT_BYTES = 64 * 1024;

/**
 * Requests Node's parser refuses before Fastify sees them (headers or URL past 16 KiB: 431,
 * anything unparsable: 400) get a problem too, then the connection closes.
 */
function answerClientError(error: Error & { code?: string }, socket: Socket): void {
  if (!socket.writable) return void socket.destroy();
  const status = error.code === 'HPE_HEADER_OVERFLOW' ? 431 : 400;
  const body = JSON.stringify({
    type: problemType(status === 431 ? 'request-header-fields-too-large' : 'malformed-request'),
    title: STATUS_CODES[status],
    status,
  });
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nConnection: close\r\nContent-Type: ${PROBLEM_CONTENT_TYPE}\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
  );
}

/** Builds the HTTP application without listening, so tests and main share one wiring. */
export async function createLedgerApi(
  config: LedgerConfig,
  overrides: LedgerApiOverrides = {},
): Promise<NestFastifyApplication> {
  const app = await NestFactory.create<NestFastifyApplication>(
    LedgerApiModule.forRoot(config, overrides),
    new FastifyAdapter({
      bodyLimit: BODY_LIMIT_BYTES,
      // Past Fastify's default (100) a valid 101-128 character subject id was a 414; the
      // patterns refuse what is too long with a 400 problem.
      maxParamLength: 1024,
      clientErrorHandler: answerClientError,
    }),
    { bufferLogs: true },
  );
  app.useLogger(app.get(Logger));
  const fastify = app.getHttpAdapter().getInstance();
  // A route the table does not know would have no scope: refuse to start rather than guess.
  fastify.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    const internal =
      route.url.startsWith('/docs') ||
      route.url.startsWith(CONSOLE_PREFIX) ||
      route.url === '/openapi.json' ||
      route.url === '*';
    for (const method of methods.filter((m) => m !== 'HEAD' && m !== 'OPTIONS')) {
      if (!internal && !routeOf(method, route.url)) {
        throw new Error(`${method} ${route.url} is missing from apps/ledger-api/src/http/routes.ts`);
      }
    }
  });
  // A known resource asked with a method it does not serve is 405 with Allow (RFC 9110), before
  // Fastify would parse the body of an unrouted request (QUERY without a content type, say).
  // A literal resource beside a parameter (`/v1/decisions/batch` beside `{decisionId}`) is
  // checked too: Fastify would hand `GET /v1/decisions/batch` to the parameter's route.
  fastify.addHook('onRequest', (request, reply, done) => {
    const allow = allowedMethods(request.url.split('?')[0]);
    const routed = request.routeOptions.url !== undefined;
    if (allow.length === 0 || (routed && allow.includes(request.method))) return done();
    void reply.header('allow', allow.join(', '));
    done(new MethodNotAllowedException(`${request.method} is not allowed here`));
  });
  // Built once: @fastify/helmet builds helmet's middleware again for every request (3-8% of a decision).
  const securityHeaders = helmet({
    // The Swagger UI page needs its inline bootstrap script and styles; JSON answers need nothing.
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'", "'unsafe-inline'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
      },
    },
  });
  fastify.addHook('onRequest', (request, reply, done) =>
    securityHeaders(request.raw, reply.raw, (error?: unknown) => done(error as Error | undefined)),
  );
  await app.register(rateLimit, {
    max: config.rateLimit.max,
    timeWindow: config.rateLimit.windowMs,
    // Per API key (by digest, never the secret itself); per address for requests without one.
    keyGenerator: (request) => {
      const token = /^Bearer (\S+)$/.exec(request.headers.authorization ?? '')?.[1];
      return token
        ? `key:${createHash('sha256').update(token).digest('base64url').slice(0, 22)}`
        : `ip:${request.ip}`;
    },
    errorResponseBuilder: (_request, context) =>
      new LedgerError('rate_limited', `More than ${context.max} requests in ${context.after}; slow down`, {
        retryAfterSeconds: Math.max(1, Math.ceil(context.ttl / 1000)),
      }),
  });
  // JSON only: Fastify would otherwise hand a text/plain body to the validators as a string.
  fastify.removeContentTypeParser(['text/plain']);
  // Batch lists are streamed, never buffered: the handler reads the request as it answers.
  fastify.addContentTypeParser(NDJSON, (_request, payload, done) => done(null, payload));
  const metrics = app.get(LedgerMetrics);
  const logger = app.get(Logger);
  fastify.addHook('onResponse', (request, reply, done) => {
    // One line a request (not probes), through the scrubbing logger: pino-http's middleware is
    // never reached under Fastify here, so the line is written from Fastify's own hook.
    if (request.url !== '/health') {
      logger.log(
        {
          req: { id: request.id, method: request.method, url: request.url },
          status: reply.statusCode,
          responseTime: Math.round(reply.elapsedTime),
        },
        'request completed',
        'HttpRequest', // the last argument is the context, not the message
      );
    }
    // Durations by route pattern (never the raw URL: ids and emails stay out of labels).
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
  await serveConsole(app);
  app.useGlobalFilters(new ProblemDetailsFilter());
  app.useGlobalPipes(createValidationPipe());
  app.enableShutdownHooks();
  const document = completeDocument(
    SwaggerModule.createDocument(
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
    ),
  );
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'openapi.json' });
  return app;
}
