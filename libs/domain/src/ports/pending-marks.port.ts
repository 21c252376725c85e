/**
 * A restrictive event acknowledged but maybe not applied yet: reads about `key` wait until the
 * read models have applied `partition` up to `offset` (see freshness/restrictive-events.ts).
 */
export interface PendingMark {
  key: string;
  partition: number;
  offset: number;
}

/** Per mark key, the highest offset of its restrictive events in each partition. */
export type MarkedOffsets = Map<string, Map<number, number>>;

/**
 * Shared by every process of the ledger (not a read model: a rebuild leaves it alone). The API
 * leaves a mark before it acknowledges a restrictive write; reads look marks up first; the
 * projector clears those its read models have passed.
 */
export interface PendingMarks {
  /** Leaves each mark (raising an earlier one of the key and partition); durable once resolved. */
  leave(marks: PendingMark[]): Promise<void>;
  /** The marks these keys have (a key with none is absent). */
  find(keys: string[]): Promise<MarkedOffsets>;
  /** Every mark: few, since the projector clears them once passed. */
  scan(): AsyncIterable<{ key: string; offsets: Map<number, number> }>;
  /** Removes the marks whose every offset `applied` has reached; answers how many went. */
  clearPassed(applied: Map<number, number>): Promise<number>;
}

/** The offsets of these marks that `applied` has not reached yet (empty: nothing to wait for). */
export function notYetApplied(
  offsets: Map<number, number>,
  applied: Map<number, number>,
): Map<number, number> {
  const behind = new Map<number, number>();
  for (const [partition, offset] of offsets)
    if ((applied.get(partition) ?? -1) < offset) behind.set(partition, offset);
  return behind;
}
