import { Inject, Injectable, Logger } from '@nestjs/common';
import {
  evolveSubjectSummary,
  identifierKeys,
  SUBJECT_REGISTERED,
  type SubjectRegistered,
  type SubjectSummary,
} from '@ledger/domain';
import type { ConsumedEvent, EventBatchHandler, UndecodableRecord } from '@ledger/kafka';
import type { CheckpointStore, IdentifierIndexStore, SubjectSummaryStore } from '@ledger/mongo';
import { CHECKPOINTS, IDENTIFIER_INDEX, SUBJECT_SUMMARIES } from '../tokens';

/**
 * Applies a batch to the read models: load what the batch touches, evolve in log order, save,
 * then advance the checkpoints. Saving whole documents makes a redelivered batch a no-op.
 */
@Injectable()
export class LedgerProjection implements EventBatchHandler {
  private readonly logger = new Logger(LedgerProjection.name);

  constructor(
    @Inject(SUBJECT_SUMMARIES) private readonly subjects: SubjectSummaryStore,
    @Inject(CHECKPOINTS) private readonly checkpoints: CheckpointStore,
    @Inject(IDENTIFIER_INDEX) private readonly identifiers: IdentifierIndexStore,
  ) {}

  async handleBatch(events: ConsumedEvent[], undecodable: UndecodableRecord[]): Promise<void> {
    for (const record of undecodable) {
      // The dead-letter topic arrives with the projector issue; until then, say so loudly.
      this.logger.error(
        `skipping undecodable record at ${record.position.partition}:${record.position.offset}: ${record.reason}`,
      );
    }
    const subjectIds = [...new Set(events.map(({ event }) => event.subjectId))];
    const current = await this.subjects.loadMany(subjectIds);
    const changed = new Map<string, SubjectSummary>();
    for (const { event } of events) {
      const before = changed.get(event.subjectId) ?? current.get(event.subjectId) ?? null;
      const after = evolveSubjectSummary(before, event);
      if (after !== null && after !== before) changed.set(event.subjectId, after);
    }
    await this.subjects.saveMany([...changed.values()]);
    for (const { event } of events) {
      if (event.type !== SUBJECT_REGISTERED) continue;
      const registered = event as SubjectRegistered;
      const rejected = await this.identifiers.link(
        registered.subjectId,
        identifierKeys(registered.data.identifiers),
        registered.id,
      );
      if (rejected.length > 0) {
        this.logger.warn(
          `${registered.id}: identifiers already linked elsewhere, not re-linked: ${rejected.join(', ')}`,
        );
      }
    }
    await this.checkpoints.advance([...events, ...undecodable].map(({ position }) => position));
  }
}
