import { Inject, Injectable } from '@nestjs/common';
import { LedgerError, notYetApplied, type MarkedOffsets, type PendingMarks } from '@ledger/domain';
import { PENDING_MARKS } from '../tokens';
import { within } from './coalesced-read';
import { ReadSideStatus } from './read-side-status';

const POLL_MS = 20;
/** How long reading the marks may take before the read side counts as unavailable. */
const MARKS_READ_TIMEOUT_MS = 1500;

/** Per mark key still pending at the deadline: the offsets its restrictive writes wait at. */
export type StillPending = MarkedOffsets;

/** The 503 a read about one subject gets while a restrictive write about them is not applied yet. */
export function restrictiveWritePending(pending: Map<number, number>, maxLagMs: number): LedgerError {
  return new LedgerError(
    'read_side_lagging',
    'A restrictive write about this subject (a withdrawal, an opposition, an erasure...) is acknowledged ' +
      `but the read models have not applied it within ${maxLagMs} ms: an answer now could wrongly allow`,
    {
      retryAfterSeconds: 1,
      scope: 'subject',
      pendingWrites: [...pending].map(([partition, offset]) => ({ partition, offset })),
    },
  );
}

/**
 * The read side's half of the freshness marks: before a read about a subject (or a lookup by an
 * identifier) is answered, its marks are looked up, and any restrictive write they name that
 * the read models have not applied yet is waited for, that subject alone, until a deadline.
 */
@Injectable()
export class PendingRestrictions {
  constructor(
    @Inject(PENDING_MARKS) private readonly marks: PendingMarks,
    private readonly status: ReadSideStatus,
  ) {}

  /** Waits for the marks of these keys; answers those still pending at the deadline. */
  async settle(keys: string[], deadline: number): Promise<StillPending> {
    if (keys.length === 0) return new Map();
    return this.waitOut(await this.readMarks(() => this.marks.find(keys)), deadline);
  }

  /** Waits for every mark there is (a batch answered by scans); answers those still pending. */
  async settleAll(deadline: number): Promise<StillPending> {
    return this.waitOut(
      await this.readMarks(async () => {
        const all: MarkedOffsets = new Map();
        for await (const { key, offsets } of this.marks.scan()) if (offsets.size > 0) all.set(key, offsets);
        return all;
      }),
      deadline,
    );
  }

  private async waitOut(marked: MarkedOffsets, deadline: number): Promise<StillPending> {
    if (marked.size === 0) return marked;
    // Checkpoints only move forward: one read earlier tells what has passed already.
    let pending = this.behind(
      marked,
      (await this.status.appliedLowerBound().catch(() => undefined)) ?? new Map(),
    );
    while (pending.size > 0) {
      pending = this.behind(pending, await this.status.applied());
      if (pending.size === 0 || Date.now() >= deadline) break;
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
    return pending;
  }

  private behind(marked: MarkedOffsets, applied: Map<number, number>): MarkedOffsets {
    const pending: MarkedOffsets = new Map();
    for (const [key, offsets] of marked) {
      const behind = notYetApplied(offsets, applied);
      if (behind.size > 0) pending.set(key, behind);
    }
    return pending;
  }

  /** Marks that cannot be read leave nothing known to be safe: 503 for the read (fail closed). */
  private async readMarks(read: () => Promise<MarkedOffsets>): Promise<MarkedOffsets> {
    try {
      // As the checkpoints' read: a database down or frozen is a 503 at once, not after its timeouts.
      return await within(read(), MARKS_READ_TIMEOUT_MS, () => new Error('no answer'));
    } catch {
      throw new LedgerError('read_side_unavailable', 'The read models cannot be reached', {
        retryAfterSeconds: 5,
      });
    }
  }
}
