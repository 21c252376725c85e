import type { LedgerEvent } from '../events/ledger-event';
import type { SubjectKind } from './subject-kind';
import { SUBJECT_REGISTERED, type SubjectIdentifiers, type SubjectRegistered } from './subject-registered';

/** One event as the subject's history keeps it, with where it sits in the log. */
export interface HistoryEntry extends Omit<LedgerEvent, 'subjectId'> {
  position: { partition: number; offset: string };
}

/**
 * The read model of a subject: identity and the ordered history of every event about them.
 * Decisions and current state are folds of this history, so "as of" answers need nothing else.
 */
export interface SubjectRecord {
  subjectId: string;
  kind: SubjectKind | null;
  identifiers: SubjectIdentifiers;
  history: HistoryEntry[];
  updatedAt: string;
  /**
   * The log offset of the last event applied (a subject's events share one partition): the
   * projector only overwrites the document it loaded, so a late, evicted instance changes nothing.
   */
  appliedOffset?: number;
}

export function emptySubjectRecord(subjectId: string): SubjectRecord {
  return { subjectId, kind: null, identifiers: { emails: [], phones: [] }, history: [], updatedAt: '' };
}

/** Pure projection step. An event id already in the history changes nothing (redelivery). */
export function evolveSubjectRecord(
  current: SubjectRecord | null,
  event: LedgerEvent,
  position: { partition: number; offset: string },
): SubjectRecord {
  const record = current ?? emptySubjectRecord(event.subjectId);
  if (record.history.some((entry) => entry.id === event.id)) return record;
  const { subjectId: _subjectId, ...rest } = event;
  const next: SubjectRecord = {
    ...record,
    history: [...record.history, { ...rest, position }],
    updatedAt: event.recordedAt,
    appliedOffset: Math.max(record.appliedOffset ?? -1, Number(position.offset)),
  };
  if (event.type === SUBJECT_REGISTERED) {
    const registered = event as SubjectRegistered;
    next.kind = registered.data.kind;
    next.identifiers = registered.data.identifiers;
  }
  return next;
}

/**
 * When a choice takes effect: the instant it occurred, or the instant the ledger recorded it if
 * that is earlier. A client clock running fast cannot push a consent past a later withdrawal,
 * while a letter dated last week still counts from last week.
 */
export function effectiveAt(entry: { occurredAt: string; recordedAt: string }): number {
  return Math.min(Date.parse(entry.occurredAt), Date.parse(entry.recordedAt));
}

const RESTRICTIVE_TYPES = new Set(['ConsentWithdrawn', 'OppositionRegistered']);

/**
 * The history as it stood at `at`: events in effect by then, ordered by when they took effect;
 * at the same instant the restrictive choice comes last (it wins), then log order.
 */
export function historyAsOf(record: SubjectRecord, at: string): HistoryEntry[] {
  const instant = Date.parse(at);
  const restrictive = (entry: HistoryEntry) => (RESTRICTIVE_TYPES.has(entry.type) ? 1 : 0);
  return record.history
    .map((entry, index) => ({ entry, index, effective: effectiveAt(entry) }))
    .filter(({ effective }) => effective <= instant)
    .sort(
      (a, b) => a.effective - b.effective || restrictive(a.entry) - restrictive(b.entry) || a.index - b.index,
    )
    .map(({ entry }) => entry);
}

/**
 * The record with identifiers that another subject owns taken out: the identifier index keeps
 * the first owner, and the record must tell the same story.
 */
export function withoutIdentifiers(record: SubjectRecord, keys: string[]): SubjectRecord {
  if (keys.length === 0) return record;
  const taken = new Set(keys);
  const { emails, phones, memberNumber } = record.identifiers;
  return {
    ...record,
    identifiers: {
      emails: emails.filter((email) => !taken.has(`email:${email}`)),
      phones: phones.filter((phone) => !taken.has(`phone:${phone}`)),
      ...(memberNumber !== undefined && !taken.has(`member:${memberNumber}`) ? { memberNumber } : {}),
    },
  };
}
