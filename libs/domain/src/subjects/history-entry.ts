import type { LedgerEvent } from '../events/ledger-event';

/**
 * A link of a subject's hash chain: `hash` = SHA-256 of `previous` and the event's digest (its
 * RFC 8785 canonical form as written, personal values sealed), so erasure leaves it verifiable.
 */
export interface ChainLink {
  previous: string;
  hash: string;
}

/** One event as the subject's history keeps it, with where it sits in the log. */
export interface HistoryEntry extends Omit<LedgerEvent, 'subjectId'> {
  position: { partition: number; offset: string };
  /** The event's place in the subject's own history (0, 1, 2, …): where the full history keeps it. */
  seq?: number;
  /** Its link in the subject's hash chain (absent on entries projected before chaining). */
  chain?: ChainLink;
}

/**
 * When a choice takes effect: the instant it occurred, or the instant the ledger recorded it if
 * that is earlier. A client clock running fast cannot push a consent past a later withdrawal,
 * while a letter dated last week still counts from last week.
 */
export function effectiveAt(entry: { occurredAt: string; recordedAt: string }): number {
  return Math.min(Date.parse(entry.occurredAt), Date.parse(entry.recordedAt));
}

const RESTRICTIVE_TYPES = new Set(['ConsentWithdrawn', 'OppositionRegistered']);

/**
 * The order in which entries take effect: by effective instant; at the same instant the
 * restrictive choice comes last (it wins), then log order (a subject's events share a partition).
 */
export function inEffectOrder(entries: HistoryEntry[]): HistoryEntry[] {
  const restrictive = (entry: HistoryEntry) => (RESTRICTIVE_TYPES.has(entry.type) ? 1 : 0);
  return entries
    .map((entry) => ({ entry, effective: effectiveAt(entry) }))
    .sort(
      (a, b) =>
        a.effective - b.effective ||
        restrictive(a.entry) - restrictive(b.entry) ||
        Number(a.entry.position.offset) - Number(b.entry.position.offset),
    )
    .map(({ entry }) => entry);
}
