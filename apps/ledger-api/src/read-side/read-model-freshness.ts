import { Inject, Injectable } from '@nestjs/common';
import type { Kafka } from 'kafkajs';
import type { LedgerConfig } from '@ledger/config';
import { decodePositionToken } from '@ledger/contracts';
import { LedgerError } from '@ledger/domain';
import { lastOffsets } from '@ledger/kafka';
import { KAFKA, LEDGER_CONFIG } from '../tokens';
import { ActiveReadModels } from './active-read-models';

const DEFAULT_WAIT_MS = 5000;

/**
 * Read-your-writes. A position is satisfied only when the projector's checkpoint for its
 * partition, which covers every offset up to it, has reached it: never merely because a later
 * event was seen. Waits are bounded; past them, 503 with Retry-After.
 */
@Injectable()
export class ReadModelFreshness {
  constructor(
    @Inject(KAFKA) private readonly kafka: Kafka,
    private readonly readModels: ActiveReadModels,
    @Inject(LEDGER_CONFIG) private readonly config: LedgerConfig,
  ) {}

  /** Until the read model includes the write whose position token this is. */
  async waitForToken(token: string, timeoutMs = DEFAULT_WAIT_MS): Promise<void> {
    const position = decodePositionToken(token);
    if (!position) {
      throw new LedgerError('validation_failed', 'consistentWith is not a position token of this ledger', {
        errors: [{ field: 'consistentWith', problems: ['not a position token'] }],
      });
    }
    await this.waitFor(new Map([[position.partition, Number(position.offset)]]), timeoutMs);
  }

  /** Until the projector has applied everything the log held when the wait began. */
  async waitUntilCaughtUp(timeoutMs = DEFAULT_WAIT_MS): Promise<void> {
    await this.waitFor(await lastOffsets(this.kafka, this.config.kafka.eventsTopic), timeoutMs);
  }

  private async waitFor(targets: Map<number, number>, timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const applied = await this.appliedOffsets();
      if ([...targets].every(([partition, offset]) => (applied.get(partition) ?? -1) >= offset)) return;
      if (Date.now() > deadline) {
        throw new LedgerError(
          'read_side_unavailable',
          'The read models have not caught up yet; retry shortly',
          {
            retryAfterSeconds: 1,
          },
        );
      }
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }

  /** Fail closed: a read side that cannot be read is unavailable, never "caught up". */
  private async appliedOffsets(): Promise<Map<number, number>> {
    try {
      return await (await this.readModels.stores()).checkpoints.appliedOffsets();
    } catch {
      throw new LedgerError('read_side_unavailable', 'The read models cannot be reached', {
        retryAfterSeconds: 5,
      });
    }
  }
}
