import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { PROBLEM_CONTENT_TYPE, problemType } from '../http/problem-details';

/** Where the DPO console is served; its pages call the API and nothing else. */
export const CONSOLE_PREFIX = '/console';

/**
 * Stricter than the API's own policy (which lets the Swagger page run its inline script): the
 * console runs only its own bundled files, talks only to this origin, and is never framed.
 */
const CONSOLE_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** The console's build (`vite build` into dist/console), from the compiled API or from its sources. */
export function consoleDirectory(): string | undefined {
  const candidates = [
    resolve(__dirname, '../../../../console'),
    resolve(__dirname, '../../../../dist/console'),
  ];
  return candidates.find((dir) => existsSync(join(dir, 'index.html')));
}

/**
 * Serves the console's files under /console/. Hashed assets are cached for good; the page itself
 * is revalidated, so a new build is picked up at the next load. Without a build, a problem says so.
 */
export async function serveConsole(app: NestFastifyApplication, root = consoleDirectory()): Promise<void> {
  const fastify = app.getHttpAdapter().getInstance();
  if (!root) {
    const notBuilt = {
      type: problemType('console-not-built'),
      title: 'The console is not built',
      status: 503,
      detail: 'Run npm run build (it builds apps/console into dist/console), then restart the API',
    };
    for (const path of [CONSOLE_PREFIX, `${CONSOLE_PREFIX}/*`]) {
      fastify.get(path, (_request, reply) => reply.status(503).type(PROBLEM_CONTENT_TYPE).send(notBuilt));
    }
    return;
  }
  fastify.get(CONSOLE_PREFIX, (_request, reply) => reply.redirect(`${CONSOLE_PREFIX}/`, 301));
  await app.register(fastifyStatic, {
    root,
    prefix: `${CONSOLE_PREFIX}/`,
    index: ['index.html'],
    // @fastify/static's own cache-control would override the one set here.
    cacheControl: false,
    decorateReply: false,
    setHeaders: (reply, path) => {
      void reply.header('content-security-policy', CONSOLE_CSP);
      void reply.header(
        'cache-control',
        path.includes(join('assets', '')) ? 'public, max-age=31536000, immutable' : 'no-cache',
      );
    },
  });
}
