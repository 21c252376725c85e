import type { IncomingMessage, ServerResponse } from 'node:http';
import { destination, type DestinationStream } from 'pino';
import type { Options } from 'pino-http';
import { logScrubber, type ScrubOptions } from './scrub';

export interface LogOptions extends ScrubOptions {
  level: string;
  /** Human-readable lines (pino-pretty): for a person at a terminal, not for collectors. */
  pretty?: boolean;
  /** Append the lines to this file instead of stdout (LEDGER_LOG_FILE). */
  file?: string;
}

/** A URL as a person would read it (`%40` is `@`), so that an encoded email is found and hashed. */
function decoded(url: string): string {
  try {
    return decodeURIComponent(url);
  } catch {
    return url;
  }
}

/** Headers that carry credentials: never written, whatever the level. */
const SECRET_HEADERS = ['authorization', 'cookie', 'x-api-key', 'proxy-authorization'];

/**
 * The options of every app's logger: requests logged by method, path and status only (headers
 * with credentials censored), and every message and string field scrubbed of secrets and
 * personal data before it is written (see logScrubber).
 */
export function pinoHttpOptions(options: LogOptions): Options<IncomingMessage, ServerResponse> {
  const scrub = logScrubber(options);
  const scrubDeep = (value: unknown, depth = 0): unknown => {
    if (typeof value === 'string') return scrub(value);
    if (depth > 4 || value === null || typeof value !== 'object') return value;
    if (value instanceof Error)
      return { type: value.name, message: scrub(value.message), stack: scrub(value.stack ?? '') };
    if (Array.isArray(value)) return value.map((item) => scrubDeep(item, depth + 1));
    // Requests, responses and other class instances go to their serializers untouched.
    const prototype = Object.getPrototypeOf(value) as unknown;
    if (prototype !== Object.prototype && prototype !== null) return value;
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, scrubDeep(item, depth + 1)]));
  };
  return {
    level: options.level,
    // Request lines are written by the app (see ledger-api.app.ts), after its own filtering.
    autoLogging: false,
    redact: {
      paths: [...SECRET_HEADERS.map((name) => `req.headers["${name}"]`), 'res.headers["set-cookie"]'],
      censor: '[redacted]',
    },
    serializers: {
      req: (req: { id?: unknown; method?: string; url?: string; headers?: Record<string, unknown> }) => ({
        id: req.id,
        method: req.method,
        url: req.url === undefined ? undefined : scrub(decoded(req.url)),
        headers: req.headers,
      }),
    },
    hooks: {
      logMethod(args, method) {
        // Every argument: a message, its interpolation values, and merged objects.
        method.apply(this, args.map((arg) => scrubDeep(arg)) as Parameters<typeof method>);
      },
    },
    ...(options.pretty && options.file === undefined
      ? { transport: { target: 'pino-pretty', options: { colorize: true, singleLine: true } } }
      : {}),
  };
}

/** What nestjs-pino's `pinoHttp` takes: the options, with the file they go to when one is set. */
export function pinoHttpParams(
  options: LogOptions,
): Options<IncomingMessage, ServerResponse> | [Options<IncomingMessage, ServerResponse>, DestinationStream] {
  const pinoOptions = pinoHttpOptions(options);
  // Synchronous appends: a line written before a crash is on disk, and processes can share a file.
  return options.file === undefined
    ? pinoOptions
    : [pinoOptions, destination({ dest: options.file, sync: true, append: true, mkdir: true })];
}
