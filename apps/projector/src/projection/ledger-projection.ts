import { Inject, Injectable, Logger } from '@nestjs/common';
import {
  evolveSubjectRecord,
  identifierKeys,
  PARTNER_TRANSFER_RECORDED,
  SUBJECT_REGISTERED,
  type PartnerTransferRecorded,
  type SubjectRecord,
  type SubjectRegistered,
} from '@ledger/domain';
import type { ConsumedEvent, EventBatchHandler, UndecodableRecord } from '@ledger/kafka';
import type {
  CheckpointStore,
  IdentifierIndexStore,
  PartnerTransferStore,
  SubjectRecordStore,
} from '@ledger/mongo';
import { CHECKPOINTS, DEAD_LETTERS, IDENTIFIER_INDEX, PARTNER_TRANSFERS, SUBJECT_RECORDS } from '../tokens';

/** Where undecodable records go: the dead-letter topic live, nowhere during a rebuild. */
export interface DeadLetterSink {
  publish(records: UndecodableRecord[], at: string): Promise<void>;
}

/**
 * Applies a batch to the read models: dead-letter what cannot be read, load the subjects the
 * batch touches, evolve them in log order, save, link identifiers, then advance the checkpoints.
 * Every step is idempotent, so a batch redelivered after a crash changes nothing.
 */
@Injectable()
export class LedgerProjection implements EventBatchHandler {
  private readonly logger = new Logger(LedgerProjection.name);

  constructor(
    @Inject(SUBJECT_RECORDS) private readonly subjects: SubjectRecordStore,
    @Inject(CHECKPOINTS) private readonly checkpoints: CheckpointStore,
    @Inject(IDENTIFIER_INDEX) private readonly identifiers: IdentifierIndexStore,
    @Inject(DEAD_LETTERS) private readonly deadLetters: DeadLetterSink,
    @Inject(PARTNER_TRANSFERS) private readonly transfers: PartnerTransferStore,
  ) {}

  async handleBatch(consumed: ConsumedEvent[], undecodable: UndecodableRecord[]): Promise<void> {
    // Transfer manifests are about a transfer, not a person: they have a read model of their own.
    const transfers = consumed.filter(({ event }) => event.type === PARTNER_TRANSFER_RECORDED);
    const events = consumed.filter(({ event }) => event.type !== PARTNER_TRANSFER_RECORDED);
    await this.transfers.save(
      transfers.map(({ event }) => {
        const transfer = event as PartnerTransferRecorded;
        return {
          ...transfer.data,
          eventId: transfer.id,
          recordedAt: transfer.recordedAt,
          recordedBy: transfer.source.client,
        };
      }),
    );
    if (undecodable.length > 0) {
      await this.deadLetters.publish(undecodable, new Date().toISOString());
      for (const { position, reason } of undecodable) {
        this.logger.warn(`dead-lettered ${position.partition}:${position.offset}: ${reason}`);
      }
    }
    const current = await this.subjects.loadMany([...new Set(events.map(({ event }) => event.subjectId))]);
    const changed = new Map<string, SubjectRecord>();
    for (const { event, position } of events) {
      const before = changed.get(event.subjectId) ?? current.get(event.subjectId) ?? null;
      const after = evolveSubjectRecord(before, event, position);
      if (after !== before) changed.set(event.subjectId, after);
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
    await this.checkpoints.advance([...consumed, ...undecodable].map(({ position }) => position));
  }
}
