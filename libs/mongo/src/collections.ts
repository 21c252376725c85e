/** Collection names in one place. Read models can be rebuilt from the log; the rest cannot. */
export const COLLECTIONS = {
  subjects: 'subjects',
  identifiers: 'subject_identifiers',
  checkpoints: 'projector_checkpoints',
  /** Operational state of the API, not derived from the log: never dropped by a rebuild. */
  apiKeys: 'api_keys',
  idempotencyKeys: 'idempotency_keys',
} as const;
