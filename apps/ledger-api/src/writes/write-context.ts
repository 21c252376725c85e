import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { LedgerError } from '@ledger/domain';
import type { AuthenticatedRequest, Principal } from '../auth/principal';

/** What every write needs besides its body: who writes, and how to recognise a retry. */
export interface WriteContext {
  principal: Principal;
  idempotencyKey?: string;
  /** Fingerprint of method, path and body: the same key with another request is refused. */
  requestHash: string;
}

/** JSON with keys sorted, so that key order never makes two equal bodies differ. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,200}$/;

export const Write = createParamDecorator((_: unknown, context: ExecutionContext): WriteContext => {
  const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
  if (!request.principal) throw new Error('write reached without authentication');
  const header = request.headers['idempotency-key'];
  const key = Array.isArray(header) ? header[0] : header;
  if (key !== undefined && !IDEMPOTENCY_KEY.test(key)) {
    throw new LedgerError('validation_failed', 'Idempotency-Key must be 1-200 visible ASCII characters', {
      errors: [{ field: 'Idempotency-Key', problems: ['must be 1-200 visible ASCII characters'] }],
    });
  }
  const requestHash = createHash('sha256')
    .update(`${request.method} ${request.url}\n${canonicalJson(request.body ?? null)}`)
    .digest('hex');
  return { principal: request.principal, requestHash, ...(key !== undefined ? { idempotencyKey: key } : {}) };
});
