/** Every failure the core can name carries a stable code; the HTTP layer maps codes to problem+json. */
export type LedgerErrorCode =
  | 'validation_failed'
  | 'unauthorized'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'subject_erased'
  | 'idempotency_key_reused'
  | 'payload_too_large'
  | 'request_timeout'
  | 'rate_limited'
  | 'read_side_unavailable'
  | 'read_side_lagging'
  | 'store_unavailable'
  | 'event_log_unavailable'
  | 'write_outcome_unknown'
  /** The process signs with another key than the ledger's events: nothing is written (fail closed). */
  | 'signing_key_mismatch';

export class LedgerError extends Error {
  constructor(
    readonly code: LedgerErrorCode,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'LedgerError';
  }
}
