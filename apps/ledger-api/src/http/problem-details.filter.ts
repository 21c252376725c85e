import { ArgumentsHost, Catch, HttpException, Logger, type ExceptionFilter } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { LedgerError } from '@ledger/domain';
import {
  PROBLEM_CONTENT_TYPE,
  PROBLEMS,
  problemType,
  problemTypeOf,
  type ProblemDetails,
} from './problem-details';

/** Framework-level failures (unknown route, bad JSON, body too large) keep their HTTP status. */
function fromHttpException(exception: HttpException): ProblemDetails {
  const status = exception.getStatus();
  const slugs: Record<number, string> = {
    400: 'malformed-request',
    404: 'not-found',
    405: 'method-not-allowed',
    413: 'payload-too-large',
    415: 'unsupported-media-type',
  };
  return {
    type: problemType(slugs[status] ?? `http-${status}`),
    title: exception.message,
    status,
  };
}

function fromLedgerError(error: LedgerError): ProblemDetails {
  const { status, title } = PROBLEMS[error.code];
  return { type: problemTypeOf(error.code), title, status, detail: error.message, ...error.details };
}

/** Fastify's own errors (JSON parse, body limit) carry a statusCode and a FST_ code. */
function fromFastifyError(error: { statusCode: number; message: string; code?: string }): ProblemDetails {
  const slug =
    error.code === 'FST_ERR_CTP_BODY_TOO_LARGE'
      ? 'payload-too-large'
      : error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE'
        ? 'unsupported-media-type'
        : 'malformed-request';
  return { type: problemType(slug), title: error.message, status: error.statusCode };
}

function isFastifyClientError(
  error: unknown,
): error is { statusCode: number; message: string; code?: string } {
  if (typeof error !== 'object' || error === null) return false;
  const status = (error as { statusCode?: unknown }).statusCode;
  return typeof status === 'number' && status >= 400 && status < 500;
}

/** Driver errors that escaped an adapter are unavailability, never a 500: callers may retry. */
function fromInfrastructureError(error: unknown): LedgerError | undefined {
  const name = error instanceof Error ? error.name : '';
  if (name.startsWith('Mongo')) {
    return new LedgerError('store_unavailable', 'The ledger database did not answer; retry shortly', {
      retryAfterSeconds: 5,
    });
  }
  if (name.startsWith('KafkaJS')) {
    return new LedgerError('event_log_unavailable', 'The event log did not answer; retry shortly', {
      retryAfterSeconds: 2,
    });
  }
  return undefined;
}

@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger(ProblemDetailsFilter.name);

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const reply = http.getResponse<FastifyReply>();
    const request = http.getRequest<FastifyRequest>();
    let problem: ProblemDetails;
    const unavailable = fromInfrastructureError(exception);
    if (exception instanceof LedgerError) problem = fromLedgerError(exception);
    else if (unavailable) {
      this.logger.warn(`${request.method} ${request.url}: ${String(exception)}`);
      problem = fromLedgerError(unavailable);
    } else if (exception instanceof HttpException) problem = fromHttpException(exception);
    else if (isFastifyClientError(exception)) problem = fromFastifyError(exception);
    else {
      this.logger.error({ err: exception, url: request.url }, 'unhandled error');
      problem = { type: problemType('internal-error'), title: 'Internal error', status: 500 };
    }
    problem.instance = request.url;
    if (typeof problem.retryAfterSeconds === 'number')
      void reply.header('retry-after', String(problem.retryAfterSeconds));
    void reply.status(problem.status).header('content-type', PROBLEM_CONTENT_TYPE).send(problem);
  }
}
