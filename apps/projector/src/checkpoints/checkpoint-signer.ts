import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import type { LedgerConfig } from '@ledger/config';
import { eventSignerOf, signCheckpoint, type EventSigner, type SignedCheckpoint } from '@ledger/contracts';
import type { ReadModels } from '@ledger/domain';
import { KafkaCheckpointLog, withRetries } from '@ledger/kafka';
import { SignedCheckpointStore, type MongoConnection } from '@ledger/mongo';
import { CHECKPOINT_LOG, LEDGER_CONFIG, MONGO, READ_MODELS } from '../tokens';

/**
 * At a fixed interval, signs each partition's mark (offset and running digest) that moved since
 * the last signature, stores it in Mongo and appends it to the checkpoints topic: anyone holding
 * the JWKS can then check that the log up to that offset is the one the ledger projected.
 */
@Injectable()
export class CheckpointSigner implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(CheckpointSigner.name);
  private readonly signer: EventSigner;
  private readonly store: SignedCheckpointStore;
  /** The offset last signed per partition, so an idle ledger signs nothing new. */
  private readonly signed = new Map<number, number>();
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> = Promise.resolve();

  constructor(
    @Inject(LEDGER_CONFIG) private readonly config: LedgerConfig,
    @Inject(READ_MODELS) private readonly models: ReadModels,
    @Inject(MONGO) mongo: MongoConnection,
    @Inject(CHECKPOINT_LOG) private readonly log: KafkaCheckpointLog,
  ) {
    this.signer = eventSignerOf(config);
    this.store = new SignedCheckpointStore(mongo.db);
  }

  async onApplicationBootstrap(): Promise<void> {
    await withRetries('connecting to the checkpoints topic', () => this.log.connect(), {
      onRetry: (message) => this.logger.warn(message),
    });
    this.timer = setInterval(() => {
      this.running = this.running.then(async () => void (await this.signNow()));
    }, this.config.proof.checkpointIntervalMs);
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
    await this.log.disconnect();
  }

  /** One round: a failure is logged and the next round signs what is still unsigned. */
  async signNow(): Promise<SignedCheckpoint[]> {
    try {
      const marks = await this.models.checkpoints.marks();
      const signedAt = new Date().toISOString();
      const due = [...marks]
        .filter(
          ([partition, mark]) =>
            mark.digest !== undefined && this.signed.get(partition) !== mark.appliedOffset,
        )
        .map(([partition, mark]) =>
          signCheckpoint(this.signer, {
            topic: this.config.kafka.eventsTopic,
            partition,
            offset: mark.appliedOffset,
            digest: mark.digest as string,
            signedAt,
          }),
        );
      if (due.length === 0) return [];
      await this.store.save(due);
      await this.log.append(due);
      for (const checkpoint of due) this.signed.set(checkpoint.partition, checkpoint.offset);
      return due;
    } catch (error) {
      this.logger.warn(`checkpoints not signed this round: ${String(error)}`);
      return [];
    }
  }
}
