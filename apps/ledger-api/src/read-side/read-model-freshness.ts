import { Inject, Injectable } from '@nestjs/common';
import type { LedgerConfig } from '@ledger/config';
import { decodePositionToken } from '@ledger/contracts';
import { caughtUp, LedgerError } from '@ledger/domain';
import { LEDGER_CONFIG } from '../tokens';
import type { ReadConsistency } from './consistent-with';
import { ReadSideStatus } from './read-side-status';

const POLL_MS = 20;

/**
 * Reads that need every write acknowledged before they arrived (consistency full, and what
 * decides on state: a rights request's step, an erasure, a list) read the log's end after
 * arrival and wait (bounded by LEDGER_MAX_LAG_MS) until the projector's checkpoints reach it,
 * else 503 read-side-lagging. A checkpoint covers every offset up to it, never merely "a later
 * event was seen". Reads about one subject wait for its restrictive writes only (PendingRestrictions).
 */
const notOurToken = (): LedgerError =>
  new LedgerError('validation_failed', 'consistentWith is not a position token of this ledger', {
    errors: [{ field: 'consistentWith', problems: ['not a position token'] }],
  });

@Injectable()
export class ReadModelFreshness {
  constructor(
    private readonly status: ReadSideStatus,
    @Inject(LEDGER_CONFIG) private readonly config: LedgerConfig,
  ) {}

  /** Until the read model includes everything acknowledged so far, and the given writes. */
  async ensureFresh(consistentWith: string[] = [], waitMs = this.config.limits.maxLagMs): Promise<void> {
    const targets = this.positions(consistentWith);
    const deadline = Date.now() + waitMs;
    const logEnd = await this.status.logEnd();
    // A partition the log does not have was never written by this ledger: no wait can help
    // (a log that names no partition yet tells nothing: the read side decides, as before).
    if (logEnd.size > 0 && [...targets.keys()].some((partition) => !logEnd.has(partition))) {
      throw notOurToken();
    }
    for (const [partition, offset] of logEnd) {
      targets.set(partition, Math.max(targets.get(partition) ?? -1, offset));
    }
    await this.waitFor(targets, deadline);
  }

  /** Until the read model includes the write whose position token this is (read-your-write). */
  async waitForToken(token: string): Promise<void> {
    await this.waitForTokens([token]);
  }

  /** Until the read model includes these writes only (their partitions, up to their offsets). */
  async waitForTokens(tokens: string[]): Promise<void> {
    if (tokens.length === 0) return;
    const targets = this.positions(tokens);
    // A partition the log did not hold when last asked may have been written since: asked again.
    const unknown = (known: ReadonlySet<number> | undefined) =>
      known !== undefined && [...targets.keys()].some((partition) => !known.has(partition));
    if (unknown(this.status.knownPartitions()) && unknown(new Set((await this.status.logEnd()).keys())))
      throw notOurToken();
    await this.waitFor(targets, Date.now() + this.config.limits.maxLagMs);
  }

  /**
   * What a read at this level waits for before it reads: the end of the log (full), or the
   * writes named (at_least_as_fresh); the restrictive writes' marks are the subject reader's.
   */
  async prepare({ level, tokens }: ReadConsistency): Promise<void> {
    if (level === 'full') await this.ensureFresh(tokens);
    else await this.waitForTokens(tokens);
  }

  private positions(tokens: string[]): Map<number, number> {
    const targets = new Map<number, number>();
    for (const token of tokens) {
      const position = decodePositionToken(token);
      if (!position) {
        throw notOurToken();
      }
      targets.set(
        position.partition,
        Math.max(targets.get(position.partition) ?? -1, Number(position.offset)),
      );
    }
    return targets;
  }

  private async waitFor(targets: Map<number, number>, deadline: number): Promise<void> {
    const known = await this.status.appliedLowerBound().catch(() => undefined);
    if (known && caughtUp(known, targets)) return;
    for (;;) {
      const applied = await this.status.applied();
      const behind = [...targets].filter(([partition, offset]) => (applied.get(partition) ?? -1) < offset);
      if (behind.length === 0) return;
      if (Date.now() >= deadline) {
        throw new LedgerError(
          'read_side_lagging',
          `The read models are more than ${this.config.limits.maxLagMs} ms behind the log; an answer now could be stale`,
          {
            retryAfterSeconds: 1,
            partitionsBehind: behind.map(([partition, offset]) => ({
              partition,
              logEnd: offset,
              applied: applied.get(partition) ?? -1,
            })),
          },
        );
      }
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
  }
}
