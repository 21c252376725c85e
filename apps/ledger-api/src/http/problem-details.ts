import type { LedgerErrorCode } from '@ledger/domain';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail?: string;
  [extension: string]: unknown;
}

/** Problem types are stable URNs: callers branch on `type`, never on `title` or `detail`. */
export const problemType = (slug: string): string => `urn:consent-ledger:problem:${slug}`;

/** The problem type of an error code (`read_side_unavailable` → `…:read-side-unavailable`). */
export const problemTypeOf = (code: LedgerErrorCode): string => problemType(code.replace(/_/g, '-'));

export const PROBLEMS: Record<LedgerErrorCode, { status: number; title: string }> = {
  validation_failed: { status: 400, title: 'The request is not valid' },
  unauthorized: { status: 401, title: 'Missing or unknown API key' },
  forbidden: { status: 403, title: 'The API key lacks the required scope' },
  not_found: { status: 404, title: 'Not found' },
  conflict: { status: 409, title: 'Conflict with the current state' },
  subject_erased: { status: 410, title: 'The subject was erased' },
  idempotency_key_reused: { status: 422, title: 'Idempotency-Key reused with a different request' },
  payload_too_large: { status: 413, title: 'The request is too large' },
  request_timeout: { status: 408, title: 'The request was not received in time' },
  rate_limited: { status: 429, title: 'Too many requests' },
  read_side_unavailable: { status: 503, title: 'The read models are unavailable' },
  read_side_lagging: { status: 503, title: 'The read models are behind the log' },
  store_unavailable: { status: 503, title: 'The ledger database is unavailable' },
  event_log_unavailable: { status: 503, title: 'The event log is unavailable' },
  write_outcome_unknown: { status: 503, title: 'The write was not acknowledged in time' },
  signing_key_mismatch: { status: 503, title: "The API's signing key is not the ledger's" },
};
