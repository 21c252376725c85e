import type { Actor, LedgerEvent } from '../events/ledger-event';
import type { SubjectKind } from './subject-kind';

export const SUBJECT_REGISTERED = 'SubjectRegistered';

export interface SubjectRegisteredData {
  kind: SubjectKind;
}

export type SubjectRegistered = LedgerEvent<typeof SUBJECT_REGISTERED, SubjectRegisteredData>;

export interface RegisterSubject {
  subjectId: string;
  kind: SubjectKind;
  actor: Actor;
  sourceClient: string;
  occurredAt?: string;
}

/** Decides the event for a RegisterSubject command; ids and time are given, never made here. */
export function registerSubject(
  command: RegisterSubject,
  context: { eventId: string; now: string },
): SubjectRegistered {
  return {
    id: context.eventId,
    type: SUBJECT_REGISTERED,
    schemaVersion: 1,
    subjectId: command.subjectId,
    occurredAt: command.occurredAt ?? context.now,
    recordedAt: context.now,
    actor: command.actor,
    sourceClient: command.sourceClient,
    data: { kind: command.kind },
  };
}
