import { Inject, Injectable } from '@nestjs/common';
import type { Kafka } from 'kafkajs';
import type { LedgerConfig } from '@ledger/config';
import { LedgerError } from '@ledger/domain';
import { lastOffsets } from '@ledger/kafka';
import type { CheckpointStore } from '@ledger/mongo';
import { CHECKPOINTS, KAFKA, LEDGER_CONFIG } from '../tokens';

/**
 * Waits until the projector has applied everything the log held when the wait began, for
 * checks that read state (an identifier already linked). Bounded: past it, 503 with Retry-After.
 */
@Injectable()
export class ReadModelFreshness {
  constructor(
    @Inject(KAFKA) private readonly kafka: Kafka,
    @Inject(CHECKPOINTS) private readonly checkpoints: CheckpointStore,
    @Inject(LEDGER_CONFIG) private readonly config: LedgerConfig,
  ) {}

  async waitUntilCaughtUp(timeoutMs = 5000): Promise<void> {
    const targets = await lastOffsets(this.kafka, this.config.kafka.eventsTopic);
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const applied = await this.checkpoints.appliedOffsets();
      if ([...targets].every(([partition, offset]) => (applied.get(partition) ?? -1) >= offset)) return;
      if (Date.now() > deadline) {
        throw new LedgerError('read_side_unavailable', 'The read models are behind the log; retry shortly', {
          retryAfterSeconds: 2,
        });
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}
