import {
  Inject,
  Injectable,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { catchError, throwError, timeout, TimeoutError, type Observable } from 'rxjs';
import type { LedgerConfig } from '@ledger/config';
import { LEDGER_CONFIG } from '../tokens';
import { writeOutcomeUnknown } from '../writes/event-writer';

/** Reads sent as POST: they change nothing, and the batch streams for as long as its list. */
const NOT_WRITES = /^\/v1\/decisions(\/|$|\?)/;

/**
 * Every write answers within LEDGER_WRITE_TIMEOUT_MS: past it, 503 saying the outcome is
 * unknown and that a retry with the same Idempotency-Key is safe. The work itself goes on.
 */
@Injectable()
export class WriteTimeLimitInterceptor implements NestInterceptor {
  constructor(@Inject(LEDGER_CONFIG) private readonly config: LedgerConfig) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    if (request.method === 'GET' || request.method === 'HEAD' || NOT_WRITES.test(request.url)) {
      return next.handle();
    }
    const limitMs = this.config.limits.writeTimeoutMs;
    return next.handle().pipe(
      timeout(limitMs),
      catchError((error: unknown) =>
        throwError(() =>
          error instanceof TimeoutError
            ? writeOutcomeUnknown(new Error(`no answer within ${limitMs} ms`))
            : error,
        ),
      ),
    );
  }
}
