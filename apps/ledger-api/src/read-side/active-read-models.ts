import { Inject, Injectable } from '@nestjs/common';
import type { LedgerConfig } from '@ledger/config';
import type { ReadModels } from '@ledger/domain';
import { openReadModels, ReadModelGenerationStore, type MongoConnection } from '@ledger/mongo';
import { LEDGER_CONFIG, MONGO } from '../tokens';
import { within } from './coalesced-read';

/** Re-read the generation pointer at most this often: a rebuild's switch is seen within it. */
const GENERATION_TTL_MS = 1000;
const POINTER_TIMEOUT_MS = 1000;

/** The stores of the live read-model generation, following a rebuild's switch. */
@Injectable()
export class ActiveReadModels {
  private readonly generations: ReadModelGenerationStore;
  private cached: { stores: ReadModels; readAt: number } | undefined;

  constructor(
    @Inject(MONGO) private readonly mongo: MongoConnection,
    @Inject(LEDGER_CONFIG) private readonly config: LedgerConfig,
  ) {
    this.generations = new ReadModelGenerationStore(mongo.db);
  }

  async stores(): Promise<ReadModels> {
    if (this.cached && Date.now() - this.cached.readAt < GENERATION_TTL_MS) return this.cached.stores;
    let generation: string;
    try {
      generation = await within(this.generations.active(), POINTER_TIMEOUT_MS, () => new Error('no answer'));
    } catch (error) {
      // The pointer moves only on a rebuild: a database that does not answer keeps the last one
      // (the read that follows fails on its own, fast), instead of making every read wait twice.
      if (this.cached) return this.cached.stores;
      throw error;
    }
    const stores =
      this.cached?.stores.generation === generation ? this.cached.stores : this.storesOf(generation);
    this.cached = { stores, readAt: Date.now() };
    return stores;
  }

  private storesOf(generation: string): ReadModels {
    return openReadModels(this.mongo.db, this.config.kafka.eventsTopic, generation);
  }
}
