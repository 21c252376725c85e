import { Inject, Injectable, Logger } from '@nestjs/common';
import { createHash } from 'node:crypto';
import {
  dataKeysUnavailable,
  decodePositionToken,
  encodePositionToken,
  subjectErased,
  type EventSigner,
  type PersonalDataVault,
} from '@ledger/contracts';
import {
  appliedBeforeAnswer,
  LedgerError,
  MarkingEventLog,
  sealPersonalData,
  type EventLog,
  type PendingMarks,
  type LedgerEvent,
  type RecordingContext,
} from '@ledger/domain';
import type { IdempotencyRecord, IdempotencyStore } from '@ledger/domain';
import type { Clock, IdGenerator } from '../runtime';
import type { LedgerConfig } from '@ledger/config';
import type { AppendedEventLookup } from '../read-side/appended-event-finder';
import { SigningKeyRefused, type SigningKeyRegistry } from '@ledger/mongo';
import { ReadModelFreshness } from '../read-side/read-model-freshness';
import {
  APPENDED_EVENTS,
  CLOCK,
  EVENT_LOG,
  ID_GENERATOR,
  IDEMPOTENCY_STORE,
  LEDGER_CONFIG,
  PERSONAL_DATA,
  PENDING_MARKS,
  EVENT_SIGNER,
  SIGNING_KEYS,
} from '../tokens';
import type { WriteContext } from './write-context';

/** How long a retry waits for a concurrent first attempt before appending the stored event itself. */
const PENDING_GRACE_MS = 5000;

/** The problem a caller gets when the log did not acknowledge: retry with the same key. */
export function writeOutcomeUnknown(cause: unknown): LedgerError {
  return new LedgerError(
    'write_outcome_unknown',
    'The event log did not acknowledge this write in time; it may or may not have been recorded. ' +
      'Retrying with the same Idempotency-Key is safe and records it at most once.',
    {
      retryAfterSeconds: 2,
      outcome: 'unknown',
      cause: cause instanceof Error ? cause.message : String(cause),
    },
  );
}

export interface WriteAcknowledgement {
  eventId: string;
  position: string;
}

/**
 * The one path from a decided event to Kafka. With an Idempotency-Key, the event is stored
 * before it is appended, so a retry (even after a crash or restart) answers the same event id
 * and, if the first append may have happened, re-appends that very event, which the projector
 * applies once.
 */
@Injectable()
export class EventWriter {
  /** Every append leaves its restrictive event's marks before it resolves (see MarkingEventLog). */
  private readonly log: MarkingEventLog;
  private readonly logger = new Logger(EventWriter.name);

  constructor(
    @Inject(EVENT_LOG) log: EventLog,
    @Inject(PENDING_MARKS) marks: PendingMarks,
    @Inject(IDEMPOTENCY_STORE) private readonly idempotency: IdempotencyStore,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(ID_GENERATOR) private readonly ids: IdGenerator,
    @Inject(LEDGER_CONFIG) private readonly config: LedgerConfig,
    @Inject(APPENDED_EVENTS) private readonly appended: AppendedEventLookup,
    @Inject(PERSONAL_DATA) private readonly personalData: PersonalDataVault,
    @Inject(EVENT_SIGNER) private readonly signer: EventSigner,
    @Inject(SIGNING_KEYS) private readonly signingKeys: SigningKeyRegistry,
    private readonly freshness: ReadModelFreshness,
  ) {
    this.log = new MarkingEventLog(log, marks);
  }

  /**
   * The one write pipeline: builds the event with a fresh id and instant, appends it (once per
   * Idempotency-Key) and, for events the domain says are applied before the answer, waits for
   * the read model to include it. A use case that decides at the recording instant first (a
   * partner transfer) passes the context it took.
   */
  async record(
    build: (context: RecordingContext) => LedgerEvent,
    write: WriteContext,
    context: RecordingContext = this.recordingContext(),
  ): Promise<WriteAcknowledgement> {
    return (await this.recordKeepingEvent(build, write, context)).acknowledgement;
  }

  /** The same, with the event the log holds: on a retried request, the one the first attempt appended. */
  async recordKeepingEvent(
    build: (context: RecordingContext) => LedgerEvent,
    write: WriteContext,
    context: RecordingContext = this.recordingContext(),
  ): Promise<{ acknowledgement: WriteAcknowledgement; event: LedgerEvent }> {
    const appended = await this.appendKeepingEvent(await this.sealed(build(context)), write);
    if (appliedBeforeAnswer(appended.event))
      await this.freshness.waitForToken(appended.acknowledgement.position);
    return appended;
  }

  /**
   * The event as the log keeps it: personal values sealed with the person's data key. Nothing
   * more is recorded about an erased person (their key is destroyed): 410 subject-erased.
   */
  async sealed(event: LedgerEvent): Promise<LedgerEvent> {
    try {
      // Read afresh: an erasure by another process (projector, retention worker) holds at once.
      await this.personalData.refresh(event.subjectId);
      if (await this.personalData.isErased(event.subjectId)) throw subjectErased(event.subjectId);
      // Never a write the projector would dead-letter: the key must be the ledger's (checked once).
      await this.signingKeys.ensure(this.signer.jwk.kid);
      // Signed as sealed: the signature stays verifiable once the person's key is destroyed.
      return this.signer.sign(await sealPersonalData(event, this.personalData));
    } catch (error) {
      if (error instanceof LedgerError) throw error;
      if (error instanceof SigningKeyRefused)
        throw new LedgerError('signing_key_mismatch', error.message, { retryAfterSeconds: 30 });
      // Nothing was appended: the caller may retry as it is.
      throw dataKeysUnavailable();
    }
  }

  /** A fresh event id, the recording instant and the allowed clock skew, for the domain. */
  recordingContext(): RecordingContext {
    return {
      eventId: this.ids.eventId(),
      now: this.clock.now().toISOString(),
      maxFutureSkewMs: this.config.limits.maxClockSkewMs,
    };
  }

  /** For writes whose answer depends on the current state: returns the earlier answer, if any. */
  async earlierAnswer(write: WriteContext): Promise<WriteAcknowledgement | undefined> {
    if (write.idempotencyKey === undefined) return undefined;
    const existing = await this.idempotency.find(this.storeKey(write));
    if (!existing) return undefined;
    this.assertSameRequest(existing.requestHash, write);
    return this.finish(this.storeKey(write), existing);
  }

  async append(event: LedgerEvent, write: WriteContext): Promise<WriteAcknowledgement> {
    return (await this.appendKeepingEvent(event, write)).acknowledgement;
  }

  private async appendKeepingEvent(
    event: LedgerEvent,
    write: WriteContext,
  ): Promise<{ acknowledgement: WriteAcknowledgement; event: LedgerEvent }> {
    if (write.idempotencyKey === undefined) {
      const position = encodePositionToken(await this.appendToLog(event));
      return { acknowledgement: { eventId: event.id, position }, event };
    }
    const key = this.storeKey(write);
    const claim = await this.idempotency.claim({
      key,
      requestHash: write.requestHash,
      eventId: event.id,
      subjectId: event.subjectId,
      event: JSON.stringify(event),
      createdAt: event.recordedAt,
    });
    if (claim.claimed) {
      const position = encodePositionToken(await this.appendToLog(event));
      // Off the acknowledgement's path: a retry that finds no position waits for it, then looks
      // for the event in the log before appending it again (and the projector applies an id once).
      this.idempotency
        .complete(key, position)
        .catch((error: unknown) => this.logger.warn(`idempotency position not recorded: ${String(error)}`));
      return { acknowledgement: { eventId: event.id, position }, event };
    }
    this.assertSameRequest(claim.existing.requestHash, write);
    return {
      acknowledgement: await this.finish(key, claim.existing),
      event: JSON.parse(claim.existing.event) as LedgerEvent,
    };
  }

  private async finish(key: string, record: IdempotencyRecord): Promise<WriteAcknowledgement> {
    // A concurrent attempt may be appending right now: give it time to record its position.
    while (
      record.position === undefined &&
      this.clock.now().getTime() - Date.parse(record.createdAt) < PENDING_GRACE_MS
    ) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      record = (await this.idempotency.find(key)) ?? record;
    }
    const event = JSON.parse(record.event) as LedgerEvent;
    if (record.position !== undefined) {
      // The first attempt may have died between its append and its mark: marked again before this answer.
      await this.markFound(event, record.position);
      return { eventId: record.eventId, position: record.position };
    }
    // The first attempt stored the event but never recorded an acknowledgement: it may be in the
    // log anyway (outcome unknown); if not found there, append it again.
    const found = await this.appended.positionOf(event);
    if (found) await this.markFound(event, encodePositionToken(found));
    const position = encodePositionToken(found ?? (await this.appendToLog(event)));
    await this.idempotency.complete(key, position);
    return { eventId: record.eventId, position };
  }

  private async markFound(event: LedgerEvent, token: string): Promise<void> {
    const position = decodePositionToken(token);
    if (!position) throw new Error(`idempotency record holds no position token: ${token}`);
    try {
      await this.log.markAppended(event, position);
    } catch (error) {
      throw writeOutcomeUnknown(error);
    }
  }

  /** The append, with a failure named for the caller: unknown outcome, safe retry. */
  private async appendToLog(event: LedgerEvent) {
    try {
      return await this.log.append(event);
    } catch (error) {
      throw writeOutcomeUnknown(error);
    }
  }

  private assertSameRequest(storedHash: string, write: WriteContext): void {
    if (storedHash !== write.requestHash) {
      throw new LedgerError(
        'idempotency_key_reused',
        'This Idempotency-Key was used with a different request; use a new key for a new request',
      );
    }
  }

  /** Keys are per API client: two clients may use the same key for different requests. */
  private storeKey(write: WriteContext): string {
    return createHash('sha256')
      .update(`${write.principal.keyId}\n${write.idempotencyKey ?? ''}`)
      .digest('hex');
  }
}
