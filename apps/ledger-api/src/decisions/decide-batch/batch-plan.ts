/**
 * Per request: look each line's subject up, or join the whole list with scans. Costs
 * are in point reads. Measured on FerretDB (bench/results): ~2,400 concurrent point reads/s
 * against ~11,000 documents/s scanned, so a scanned document costs about a quarter of a read.
 */
export const SCAN_COST_PER_DOCUMENT = 0.25;
/** A `$in` of a window of ids, where the server serves it from the index, per id. */
export const IN_COST_PER_ID = 0.25;

/**
 * Documents a join may hold in memory (one small number per subject, a string per identifier:
 * ~40 MB at this size); a larger ledger is joined by sorting on disk instead.
 */
export const HASH_JOIN_MAX_DOCUMENTS = 400_000;

/** keyed: a lookup per line; hash: scans into memory, then the list in order; join: sorted on disk. */
export type BatchStrategy = 'keyed' | 'hash' | 'join';

export interface ListShape {
  subjectRefs: number;
  identifierRefs: number;
}

export interface LedgerSize {
  subjects: number;
  identifiers: number;
}

export function chooseStrategy(list: ListShape, ledger: LedgerSize, inIndexed: boolean): BatchStrategy {
  // A line by email or phone costs two reads (identifier, then subject).
  const reads = list.subjectRefs + 2 * list.identifierRefs;
  const keyed = reads * (inIndexed ? IN_COST_PER_ID : 1);
  const scanned = ledger.subjects + (list.identifierRefs > 0 ? ledger.identifiers : 0);
  const join = scanned * SCAN_COST_PER_DOCUMENT;
  if (join >= keyed) return 'keyed';
  return scanned <= HASH_JOIN_MAX_DOCUMENTS ? 'hash' : 'join';
}
