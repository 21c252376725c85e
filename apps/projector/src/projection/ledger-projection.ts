import { Inject, Injectable, Logger } from '@nestjs/common';
import {
  evolveSubjectRecord,
  historyEntry,
  type HistoryEntry,
  identifierKeys,
  CALL_STARTED,
  PARTNER_TRANSFER_RECORDED,
  RECORDING_OBJECTED,
  type CallStarted,
  type LogPosition,
  type RecordingDue,
  type RecordingObjected,
  evolveRightsRequest,
  type RightsRequest,
  type RightsRequestEvent,
  recordKey,
  type ReadModels,
  SUBJECT_REGISTERED,
  isPurge,
  type SubjectErased,
  type SubjectExpired,
  identifierKeysOf,
  inheritedOppositions,
  isSealed,
  withoutIdentifiers,
  type PartnerTransferRecorded,
  type SubjectRecord,
  type SubjectRegistered,
  byPartition,
  type PartitionMark,
} from '@ledger/domain';
import {
  FencedWriteError,
  type ConsumedEvent,
  type EventBatchHandler,
  type UndecodableRecord,
} from '@ledger/kafka';
import { chainLink, foldPartitionDigest, type IdentifierHasher } from '@ledger/contracts';
import { DEAD_LETTERS, ERASURE, IDENTIFIER_HASHER, READ_MODELS } from '../tokens';

/** What erasing a person does outside the projecting generation (their key, idempotency, old generations). */
export interface ErasureEffects {
  erase(subjectId: string, at: string): Promise<void>;
}

/** The destroy-by dates an event sets: a call's recordings when it starts, one when objected to. */
function recordingsScheduledBy({
  event,
  position,
}: ConsumedEvent): Array<{ due: RecordingDue; position: LogPosition }> {
  const base = { subjectId: event.subjectId, eventId: event.id };
  if (event.type === CALL_STARTED) {
    const { callId, recordings } = (event as CallStarted).data;
    return recordings.map((scheduled) => ({ due: { ...base, callId, ...scheduled }, position }));
  }
  if (event.type === RECORDING_OBJECTED)
    return [{ due: { ...base, ...(event as RecordingObjected).data }, position }];
  return [];
}

/** Where records that cannot be applied go: the dead-letter topic live, nowhere during a rebuild. */
export interface DeadLetterSink {
  publish(records: UndecodableRecord[], at: string): Promise<void>;
}

/**
 * Applies a batch to the read models: claim each event id (a second record of one event is
 * skipped), evolve each subject in log order (a record the domain cannot apply is dead-lettered,
 * never retried forever), fix identifier links, write the new history slots, save the subjects
 * fenced on the version loaded, then advance the checkpoints. Every step is idempotent, so a
 * batch redelivered after a crash changes nothing; infrastructure errors are thrown (retry).
 * Its cost per event is flat in the length of a subject's history.
 */
@Injectable()
export class LedgerProjection implements EventBatchHandler {
  private readonly logger = new Logger(LedgerProjection.name);

  constructor(
    @Inject(READ_MODELS) private readonly models: ReadModels,
    @Inject(DEAD_LETTERS) private readonly deadLetters: DeadLetterSink,
    @Inject(ERASURE) private readonly erasure: ErasureEffects,
    @Inject(IDENTIFIER_HASHER) private readonly hasher: IdentifierHasher,
  ) {}

  async handleBatch(consumed: ConsumedEvent[], undecodable: UndecodableRecord[]): Promise<void> {
    const deadLetters = [...undecodable];
    // Transfer manifests are about a transfer, not a person: they have a read model of their own.
    const transfers = consumed.filter(({ event }) => event.type === PARTNER_TRANSFER_RECORDED);
    const events = consumed.filter(({ event }) => event.type !== PARTNER_TRANSFER_RECORDED);
    await this.models.partnerTransfers.save(
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

    const loaded = await this.models.subjects.loadMany([
      ...new Set(events.map(({ event }) => event.subjectId)),
    ]);
    // Records this subject already applied (a replayed batch) need no claim.
    const fresh = events.filter(({ event, position }) => {
      const applied = loaded.get(event.subjectId)?.appliedOffset;
      return applied === undefined || Number(position.offset) > applied;
    });
    const duplicates = await this.models.appliedEvents.claim(
      fresh.map(({ event, position }) => ({ eventId: event.id, subjectId: event.subjectId, position })),
    );
    const changed = new Map<string, SubjectRecord>();
    const appended: Array<{ subjectId: string; entry: HistoryEntry }> = [];
    for (const consumedEvent of fresh) {
      const { position } = consumedEvent;
      const event = this.withIdentifierKeys(consumedEvent.event);
      if (duplicates.has(recordKey(position))) continue;
      const before = changed.get(event.subjectId) ?? loaded.get(event.subjectId) ?? null;
      // The subject's next link, from Kafka order: the same on every replay and every rebuild.
      const link = chainLink(before?.chainHead, consumedEvent.digest);
      let after: SubjectRecord;
      try {
        after = evolveSubjectRecord(before, event, position, link);
      } catch (error) {
        deadLetters.push({ ...consumedEvent.raw, position, reason: `projection failed: ${String(error)}` });
        continue;
      }
      if (after === before) continue;
      if (event.type === SUBJECT_REGISTERED) {
        after = await this.relink(before, after, event as SubjectRegistered, position);
      }
      if (isPurge(event)) {
        await this.unlinkErased(before, event, Number(position.offset));
      }
      changed.set(event.subjectId, after);
      appended.push({
        subjectId: event.subjectId,
        entry: historyEntry(event, position, after.eventCount - 1, link),
      });
    }

    // Before the record that counts them: a crash in between rewrites the same slots on replay.
    await this.models.history.append(appended);

    const refused = await this.models.subjects.saveMany(
      [...changed.values()].map((record) => ({ record, loaded: loaded.get(record.subjectId) ?? null })),
    );
    if (refused.length > 0) {
      throw new FencedWriteError(
        `${refused.length} subject record(s) changed since this batch loaded them: another projector owns the partition`,
      );
    }
    // After the fenced save: a batch retried for a database error does not dead-letter twice.
    if (deadLetters.length > 0) {
      await this.deadLetters.publish(deadLetters, new Date().toISOString());
      for (const { position, reason } of deadLetters) {
        const line = `dead-lettered ${position.partition}:${position.offset}: ${reason}`;
        // Not written by the ledger: someone wrote to the topic directly. An alert, not noise.
        if (/unsigned event|forged event|unknown key/.test(reason)) this.logger.error(`ALERT ${line}`);
        else this.logger.warn(line);
      }
    }
    // After the fenced save too: a zombie's batch never dates a recording.
    await this.models.recordings.schedule(consumed.flatMap(recordingsScheduledBy));
    await this.applyRightsRequests(consumed);
    // After the record says erased, for every purge of the batch, replayed ones included: a crash
    // before the key was destroyed destroys it on the batch's redelivery (a stale expiry, refused,
    // left no tombstone and erases nothing).
    for (const { event } of consumed) {
      const record = changed.get(event.subjectId) ?? loaded.get(event.subjectId);
      if (isPurge(event) && record?.erasedAt !== undefined)
        await this.erasure.erase(event.subjectId, event.recordedAt);
    }
    await this.advanceMarks(consumed, undecodable);
  }

  /**
   * Moves each partition's mark past the batch, folding every verified record it had not yet
   * applied into the running digest (what signed checkpoints vouch for); a mark another instance
   * moved meanwhile is re-read, and the batch retried if it is still behind.
   */
  private async advanceMarks(consumed: ConsumedEvent[], undecodable: UndecodableRecord[]): Promise<void> {
    const records = byPartition<{ position: LogPosition; digest?: string }>([...consumed, ...undecodable]);
    for (const [partition, batch] of records) {
      const from = await this.models.checkpoints.mark(partition);
      const last = Number(batch[batch.length - 1].position.offset);
      if (from !== undefined && from.appliedOffset >= last) continue;
      // Before digests were kept the fold cannot start honestly: the partition stays without one.
      let digest = from === undefined ? undefined : from.digest;
      const folding = from === undefined || from.digest !== undefined;
      for (const { position, digest: recordDigest } of batch) {
        if (from !== undefined && Number(position.offset) <= from.appliedOffset) continue;
        if (folding && recordDigest !== undefined)
          digest = foldPartitionDigest(digest, position.offset, recordDigest);
      }
      const to: PartitionMark = {
        appliedOffset: last,
        ...(folding && digest !== undefined ? { digest } : {}),
      };
      if (await this.models.checkpoints.moveMark(partition, from, to)) continue;
      const now = await this.models.checkpoints.mark(partition);
      if ((now?.appliedOffset ?? -1) < last)
        throw new Error(`the mark of partition ${partition} moved while this batch applied: retrying`);
    }
  }

  /** Each request the batch touches, evolved in log order from its stored state; saved once. */
  private async applyRightsRequests(consumed: ConsumedEvent[]): Promise<void> {
    const steps = consumed.filter(({ event }) => event.type.startsWith('RightsRequest'));
    if (steps.length === 0) return;
    const ids = steps.map(({ event }) => (event.data as { requestId: string }).requestId);
    const stored = await this.models.rightsRequests.findMany(ids);
    const changed = new Map<string, { request: RightsRequest; position: LogPosition }>();
    for (const { event, position } of steps) {
      const requestId = (event.data as { requestId: string }).requestId;
      const before = changed.get(requestId)?.request ?? stored.get(requestId) ?? null;
      const after = evolveRightsRequest(before, event as RightsRequestEvent);
      if (after) changed.set(requestId, { request: after, position });
    }
    await this.models.rightsRequests.save([...changed.values()]);
  }

  /**
   * The index keeps an identifier's first owner; a re-registration frees the identifiers it no
   * longer lists. The record then lists only what the index gives it, so both tell one story.
   */
  private async relink(
    before: SubjectRecord | null,
    after: SubjectRecord,
    registered: SubjectRegistered,
    position: LogPosition,
  ): Promise<SubjectRecord> {
    const offset = Number(position.offset);
    const keys = identifierKeys(identifierKeysOf(after));
    const dropped = before
      ? identifierKeys(identifierKeysOf(before)).filter((key) => !keys.includes(key))
      : [];
    await this.models.identifiers.unlink(registered.subjectId, dropped, offset);
    const rejected = await this.models.identifiers.link(registered.subjectId, keys, registered.id, offset);
    if (rejected.length > 0) {
      // Only the kind of identifier and the event: identifiers are personal data, not log material.
      this.logger.warn(
        `${registered.id}: ${rejected.length} identifier(s) already linked to another subject (${rejected
          .map((key) => key.slice(0, key.indexOf(':')))
          .join(', ')}); kept with their first owner`,
      );
    }
    // An identifier an erased person used brings their oppositions along (suppression list).
    const suppressed = await this.models.suppressions.find(keys);
    const inherited = inheritedOppositions(suppressed, { recordedAt: registered.recordedAt, position });
    const relinked = withoutIdentifiers(after, rejected);
    return inherited.length > 0 ? { ...relinked, inherited } : relinked;
  }

  /** The erased person's identifiers leave the index; their hashes join the suppression list. */
  private async unlinkErased(
    before: SubjectRecord | null,
    erased: SubjectErased | SubjectExpired,
    offset: number,
  ): Promise<void> {
    if (before)
      await this.models.identifiers.unlink(
        erased.subjectId,
        identifierKeys(identifierKeysOf(before)),
        offset,
      );
    const { identifierKeys: keys, oppositions } = erased.data.suppression;
    await this.models.suppressions.save(keys.map((key) => ({ key, erasedEventId: erased.id, oppositions })));
  }

  /**
   * Registrations recorded before identifiers were hashed at the edge (schema v1, v2) carry them
   * in clear: their hashes are computed here, so the index never holds a raw value.
   */
  private withIdentifierKeys(event: ConsumedEvent['event']): ConsumedEvent['event'] {
    if (event.type !== SUBJECT_REGISTERED) return event;
    const registered = event as SubjectRegistered;
    const { identifiers } = registered.data;
    if (registered.data.identifierKeys !== undefined) return event;
    const sealed = [...identifiers.emails, ...identifiers.phones, identifiers.memberNumber].some(isSealed);
    if (sealed) return event;
    return { ...registered, data: { ...registered.data, identifierKeys: this.hasher.hashAll(identifiers) } };
  }
}
