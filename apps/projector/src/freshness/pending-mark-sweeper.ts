import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import type { PendingMarks, ReadModels } from '@ledger/domain';
import { PENDING_MARKS, READ_MODELS } from '../tokens';

/** How often the marks the read models have passed are cleared: they are harmless meanwhile. */
const SWEEP_INTERVAL_MS = 2000;

/**
 * Clears the marks of restrictive writes this projector's read models have applied (or
 * dead-lettered: a checkpoint passes both), so the collection holds what is pending and little
 * more. Correctness never depends on it: a read compares a mark with the checkpoints itself.
 */
@Injectable()
export class PendingMarkSweeper implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(PendingMarkSweeper.name);
  private timer: NodeJS.Timeout | undefined;
  private sweeping: Promise<void> | undefined;

  constructor(
    @Inject(PENDING_MARKS) private readonly marks: PendingMarks,
    @Inject(READ_MODELS) private readonly models: ReadModels,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => {
      this.sweeping ??= this.sweep().finally(() => (this.sweeping = undefined));
    }, SWEEP_INTERVAL_MS);
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.sweeping;
  }

  async sweep(): Promise<void> {
    try {
      const cleared = await this.marks.clearPassed(await this.models.checkpoints.appliedOffsets());
      if (cleared > 0) this.logger.debug(`cleared ${cleared} pending mark(s) the read models have passed`);
    } catch (error) {
      this.logger.warn(`pending marks not swept: ${String(error)}`);
    }
  }
}
