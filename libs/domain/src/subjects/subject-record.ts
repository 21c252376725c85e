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
  };
  if (event.type === SUBJECT_REGISTERED) {
    const registered = event as SubjectRegistered;
    next.kind = registered.data.kind;
    next.identifiers = registered.data.identifiers;
  }
  return next;
}

/** The history as it stood at `at`: events that had occurred by then, in occurrence order. */
export function historyAsOf(record: SubjectRecord, at: string): HistoryEntry[] {
  const instant = Date.parse(at);
  return record.history
    .map((entry, index) => ({ entry, index }))
    .filter(({ entry }) => Date.parse(entry.occurredAt) <= instant)
    .sort((a, b) => Date.parse(a.entry.occurredAt) - Date.parse(b.entry.occurredAt) || a.index - b.index)
    .map(({ entry }) => entry);
}
