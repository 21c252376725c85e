/** Collection names in one place. Read models can be rebuilt from the log; the rest cannot. */
export const COLLECTIONS = {
  subjects: 'subjects',
  /** Each subject's full history, one document per event (the subject document keeps what decisions need). */
  subjectHistory: 'subject_history',
  /** Every event id applied, with the log record that carried it: exact duplicate detection. */
  appliedEvents: 'applied_events',
  identifiers: 'subject_identifiers',
  checkpoints: 'projector_checkpoints',
  partnerTransfers: 'partner_transfers',
  /** Call recordings by destroy-by date (what the call centre must destroy). */
  recordings: 'call_recordings',
  /** Rights requests as they stand (the DPO's board). */
  rightsRequests: 'rights_requests',
  /** Keyed hashes of erased people's identifiers, with their oppositions (suppression list). */
  suppressions: 'suppressions',
  /** Which generation of the read models is live (a rebuild writes a new one, then switches). */
  generation: 'read_model_generation',
  /** Operational state of the API, not derived from the log: never touched by a rebuild. */
  apiKeys: 'api_keys',
  idempotencyKeys: 'idempotency_keys',
  /** Per-person data keys, wrapped by the master key: destroying one erases the person. */
  dataKeys: 'subject_keys',
  /** Decisions kept to be explained (GET /v1/decisions/{id}), until their retention ends. */
  decisionLog: 'decision_log',
  /** The key the ledger's events are signed with (its JWK thumbprint): every app must share it. */
  signingKey: 'signing_key',
  /** The projector's signed (offset, digest) checkpoints per partition: what `ledger verify` checks. */
  signedCheckpoints: 'signed_checkpoints',
  /**
   * Restrictive writes acknowledged and maybe not applied yet, by subject or identifier: what
   * reads wait for (not a read model; the projector clears what it has passed).
   */
  pendingMarks: 'pending_marks',
  /** When each projector process last said it was alive (liveness for /health). */
  projectorHeartbeats: 'projector_heartbeats',
} as const;

export interface ReadModelNames {
  subjects: string;
  subjectHistory: string;
  appliedEvents: string;
  identifiers: string;
  checkpoints: string;
  partnerTransfers: string;
  recordings: string;
  rightsRequests: string;
  suppressions: string;
}

/** The first generation is the empty string, so a ledger that never rebuilt uses plain names. */
export function readModelNames(generation: string): ReadModelNames {
  const suffix = generation === '' ? '' : `_${generation}`;
  return {
    subjects: `${COLLECTIONS.subjects}${suffix}`,
    subjectHistory: `${COLLECTIONS.subjectHistory}${suffix}`,
    appliedEvents: `${COLLECTIONS.appliedEvents}${suffix}`,
    identifiers: `${COLLECTIONS.identifiers}${suffix}`,
    checkpoints: `${COLLECTIONS.checkpoints}${suffix}`,
    partnerTransfers: `${COLLECTIONS.partnerTransfers}${suffix}`,
    recordings: `${COLLECTIONS.recordings}${suffix}`,
    rightsRequests: `${COLLECTIONS.rightsRequests}${suffix}`,
    suppressions: `${COLLECTIONS.suppressions}${suffix}`,
  };
}
