import { Injectable } from '@nestjs/common';
import type { LedgerEvent, LogPosition } from '@ledger/domain';
import { ActiveReadModels } from './active-read-models';
import { ReadModelFreshness } from './read-model-freshness';

const FIND_WAIT_MS = 5000;

/** Was this event appended after all? Answers from a read model caught up with the log's end. */
export interface AppendedEventLookup {
  positionOf(event: LedgerEvent): Promise<LogPosition | undefined>;
}

/**
 * Before a retry re-appends an event whose first append had an unknown outcome, look for it
 * where the projector put it: found, the retry answers its position and the log keeps one
 * record. Not found (or the read side cannot tell), it is appended again, which is safe too:
 * the projector applies an event id once.
 */
@Injectable()
export class AppendedEventFinder implements AppendedEventLookup {
  constructor(
    private readonly freshness: ReadModelFreshness,
    private readonly readModels: ActiveReadModels,
  ) {}

  async positionOf(event: LedgerEvent): Promise<LogPosition | undefined> {
    try {
      // Half the write bound: a projector rejoining its group after a broker restart needs a few seconds.
      await this.freshness.ensureFresh([], FIND_WAIT_MS);
      return await (await this.readModels.stores()).appliedEvents.positionOf(event.id);
    } catch {
      return undefined;
    }
  }
}
