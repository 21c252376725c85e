import { createHash } from 'node:crypto';
import { canonicalize } from 'json-canonicalize';
import { chainLink, foldPartitionDigest } from './event-chain';
import {
  historyEntry,
  isPurge,
  ownActivityAfter,
  PARTNER_TRANSFER_RECORDED,
  projectionRefusal,
  SUBJECT_REGISTERED,
  type HistoryEntry,
  type LedgerEvent,
  type LogPosition,
} from '@ledger/domain';

/** What the replay knows of one subject: enough to check its record and history, not the record itself. */
export interface SubjectTrace {
  partition: number;
  count: number;
  head?: string;
  erasedAt?: string;
  lastOwnActivityAt?: string;
  /** Digest of each history entry the projector must have written, by seq. */
  entries: string[];
}

/** A record of the topic as verify read it: decoded and verified, or why not. */
export type ReplayedRecord =
  { position: LogPosition; event: LedgerEvent; digest: string } | { position: LogPosition; problem: string };

/**
 * A short digest of a history entry as the read models keep it. Identifier hashes are left out:
 * the projector adds them to registrations recorded before the edge hashed identifiers.
 */
export function entryDigest(entry: HistoryEntry): string {
  let kept: HistoryEntry = entry;
  if (entry.type === SUBJECT_REGISTERED && entry.data !== null && typeof entry.data === 'object') {
    const { identifierKeys: _keys, ...data } = entry.data as Record<string, unknown>;
    kept = { ...entry, data };
  }
  return createHash('sha256').update(canonicalize(kept), 'utf8').digest('base64url').slice(0, 22);
}

/**
 * Replays the log as the projector applies it, without its read models: signatures checked by
 * the decoder, duplicates and refusals skipped by the same rules, each subject's chain and each
 * partition's running digest recomputed. Memory grows with subjects and events, not with their size.
 */
export class LogReplay {
  readonly subjects = new Map<string, SubjectTrace>();
  /** Records the projector must not have applied: not signed by the ledger, forged, refused. */
  readonly rejected: Array<{ position: LogPosition; reason: string }> = [];
  readonly digests = new Map<number, string | undefined>();
  private readonly seen = new Set<string>();
  /** Per partition: offsets whose digest is wanted (checkpoints), ascending, and what was found. */
  private readonly wanted = new Map<number, number[]>();
  readonly digestAt = new Map<string, string | undefined>();
  records = 0;

  /** Asks for the partition digest as of these offsets (the checkpoints to check). */
  want(partition: number, offsets: number[]): void {
    const all = [...(this.wanted.get(partition) ?? []), ...offsets];
    this.wanted.set(
      partition,
      [...new Set(all)].sort((a, b) => a - b),
    );
  }

  apply(record: ReplayedRecord): void {
    this.records++;
    const { partition } = record.position;
    const offset = Number(record.position.offset);
    this.settleWanted(partition, offset - 1);
    if ('problem' in record) {
      this.rejected.push({ position: record.position, reason: record.problem });
      return;
    }
    const { event, digest } = record;
    this.digests.set(
      partition,
      foldPartitionDigest(this.digests.get(partition), record.position.offset, digest),
    );
    if (event.type === PARTNER_TRANSFER_RECORDED) return;
    // A second record of one event (a retried append) is applied once, whatever happened to the first.
    if (this.seen.has(event.id)) return;
    this.seen.add(event.id);
    const trace = this.subjects.get(event.subjectId) ?? { partition, count: 0, entries: [] };
    const refusal = projectionRefusal(
      {
        subjectId: event.subjectId,
        ...(trace.erasedAt !== undefined ? { erasedAt: trace.erasedAt } : {}),
        ...(trace.lastOwnActivityAt !== undefined ? { lastOwnActivityAt: trace.lastOwnActivityAt } : {}),
      },
      event,
    );
    if (refusal !== undefined) {
      this.rejected.push({ position: record.position, reason: `projection refuses it: ${refusal}` });
      return;
    }
    const link = chainLink(trace.head, digest);
    trace.entries.push(entryDigest(historyEntry(event, record.position, trace.count, link)));
    trace.count++;
    trace.head = link.hash;
    if (isPurge(event)) {
      trace.erasedAt = event.recordedAt;
      delete trace.lastOwnActivityAt;
    } else {
      const last = ownActivityAfter(trace.lastOwnActivityAt, event);
      if (last !== undefined) trace.lastOwnActivityAt = last;
    }
    this.subjects.set(event.subjectId, trace);
  }

  /** The end of a partition's replay: every wanted offset up to `lastOffset` gets its digest. */
  finish(partition: number, lastOffset: number): void {
    this.settleWanted(partition, lastOffset);
  }

  private settleWanted(partition: number, upTo: number): void {
    const wanted = this.wanted.get(partition);
    while (wanted !== undefined && wanted.length > 0 && wanted[0] <= upTo) {
      this.digestAt.set(`${partition}:${wanted.shift()}`, this.digests.get(partition));
    }
  }
}
