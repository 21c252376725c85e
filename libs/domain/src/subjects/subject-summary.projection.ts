import type { LedgerEvent } from '../events/ledger-event';
import { SUBJECT_REGISTERED, type SubjectRegistered } from './subject-registered';
import type { SubjectKind } from './subject-kind';

/** The read model of a subject's identity, as the projector stores it. */
export interface SubjectSummary {
  subjectId: string;
  kind: SubjectKind;
  registeredAt: string;
  updatedAt: string;
  lastEventId: string;
}

function isSubjectRegistered(event: LedgerEvent): event is SubjectRegistered {
  return event.type === SUBJECT_REGISTERED;
}

/** Pure projection step: the same event applied twice gives the same document. */
export function evolveSubjectSummary(
  current: SubjectSummary | null,
  event: LedgerEvent,
): SubjectSummary | null {
  if (!isSubjectRegistered(event)) return current;
  return {
    subjectId: event.subjectId,
    kind: event.data.kind,
    registeredAt: current?.registeredAt ?? event.occurredAt,
    updatedAt: event.occurredAt,
    lastEventId: event.id,
  };
}
