import { LedgerError } from '../errors/ledger-error';
import type { Actor, LedgerEvent, NoticeRef, ProofRef, Source } from './ledger-event';

/** What every command says about its own provenance. */
export interface CommandProvenance {
  subjectId: string;
  actor: Actor;
  source: Source;
  occurredAt?: string;
  notice?: NoticeRef;
  proof?: ProofRef;
}

export interface RecordingContext {
  eventId: string;
  /** ISO 8601 instant the ledger records the event. */
  now: string;
  /** How far ahead of the ledger's clock a client's occurredAt may be (clock skew); default 0. */
  maxFutureSkewMs?: number;
}

/**
 * Builds an event from a command's provenance and data. A fact may be recorded late
 * (back-dated occurredAt); a client clock may run ahead by the allowed skew, no more (the
 * choice then takes effect when recorded: see effectiveAt).
 */
export function recordEvent<TType extends string, TData>(
  type: TType,
  schemaVersion: number,
  command: CommandProvenance,
  data: TData,
  context: RecordingContext,
): LedgerEvent<TType, TData> {
  const occurredAt = command.occurredAt ?? context.now;
  const skewMs = context.maxFutureSkewMs ?? 0;
  if (Date.parse(occurredAt) > Date.parse(context.now) + skewMs) {
    const problem = `occurredAt must not be more than ${Math.round(skewMs / 1000)} s in the future`;
    throw new LedgerError('validation_failed', 'occurredAt is in the future', {
      errors: [{ field: 'occurredAt', problems: [problem] }],
    });
  }
  return {
    id: context.eventId,
    type,
    schemaVersion,
    subjectId: command.subjectId,
    occurredAt: new Date(occurredAt).toISOString(),
    recordedAt: context.now,
    actor: command.actor,
    source: command.source,
    ...(command.notice ? { notice: command.notice } : {}),
    ...(command.proof ? { proof: command.proof } : {}),
    data,
  };
}
