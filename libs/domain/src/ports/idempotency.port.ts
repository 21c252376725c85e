/**
 * One record per (client, Idempotency-Key): the request's fingerprint, the event it produced
 * (kept whole, so a retry after a crash re-appends the very same event), and once the log has
 * acknowledged it, the position.
 */
export interface IdempotencyRecord {
  key: string;
  requestHash: string;
  eventId: string;
  /** Whose event it is: an erasure purges the person's records. */
  subjectId?: string;
  event: string;
  position?: string;
  createdAt: string;
}

export type IdempotencyClaim = { claimed: true } | { claimed: false; existing: IdempotencyRecord };

/** Where the write pipeline remembers keyed requests; operational state, never rebuilt from the log. */
export interface IdempotencyStore {
  /** Claims the key; answers the existing record instead when someone claimed it first. */
  claim(record: IdempotencyRecord): Promise<IdempotencyClaim>;
  find(key: string): Promise<IdempotencyRecord | null>;
  complete(key: string, position: string): Promise<void>;
  /** Forgets every record of a person's requests (erasure); answers how many. */
  purgeSubject(subjectId: string): Promise<number>;
  /** Forgets records created before an instant (the retention window of keys); answers how many. */
  purgeOlderThan(before: string): Promise<number>;
}
