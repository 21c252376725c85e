import type { LedgerEvent } from '../events/ledger-event';
import { inEffectOrder, type ChainLink, type HistoryEntry } from './history-entry';
import type { HolidayCalendar } from '../policy/french-public-holidays';
import type { SubjectKind } from './subject-kind';
import { SUBJECT_REGISTERED, type SubjectIdentifiers, type SubjectRegistered } from './subject-registered';
import { retainedEntries } from './retained-entries';
import { isPurge, SUBJECT_ERASED, SUBJECT_EXPIRED, type SubjectExpired } from '../rights/subject-erased';
import { isOwnActivity, lastOwnActivity } from '../policy/prospect-retention';

export { effectiveAt, inEffectOrder, type ChainLink, type HistoryEntry } from './history-entry';

/**
 * The read model of a subject: identity, and the entries decisions can still need. Its size is
 * bounded whatever the length of the history, which is kept apart (one slot per event) and read
 * only for the history itself and for questions about instants before `completeFrom`.
 */
export interface SubjectRecord {
  subjectId: string;
  kind: SubjectKind | null;
  /** As the log keeps them: sealed with the person's data key (clear only in records before v3). */
  identifiers: SubjectIdentifiers;
  /** Their keyed hashes, item for item: what the identifier index links (absent before v3). */
  identifierKeys?: SubjectIdentifiers;
  /** When the person was erased (or expired): nothing else is kept, every decision refuses. */
  erasedAt?: string;
  /** Why: an erasure request (subject_erased) or the end of retention (subject_expired). */
  erasedBecause?: 'erasure' | 'retention';
  /**
   * Oppositions inherited from an erased person whose email, phone or member number this one
   * registered with (suppression list): decisions read them like the person's own.
   */
  inherited?: HistoryEntry[];
  /** Where the person lives, from their latest registration (absent: Europe/Paris, metropolitan). */
  timeZone?: string;
  holidayCalendar?: HolidayCalendar;
  /**
   * The entries that can still decide something, in log order: per decision key (purpose ×
   * channel × partner, consent or opposition; the subject's kind; cookie choices) the latest
   * few, canvassing attempts of the last 30 days, and the latest few of every other type.
   */
  retained: HistoryEntry[];
  /** How many events the subject has: the next entry's `seq`. */
  eventCount: number;
  /**
   * From this instant on, the retained entries answer exactly what the full history would;
   * absent while nothing that decides was ever let go.
   */
  completeFrom?: string;
  /** Cookie categories that a choice no longer retained accepted (withdrawn, not missing). */
  cookiesAcceptedBefore?: string[];
  /** How many entries the last letting-go kept (see retainedEntries). */
  prunedTo?: number;
  updatedAt: string;
  /**
   * The log offset of the last event applied (a subject's events share one partition): the
   * projector only overwrites the document it loaded, so a late, evicted instance changes nothing.
   */
  appliedOffset?: number;
  /** The hash of the subject's last chain link (see ChainLink): what the next event links to. */
  chainHead?: string;
  /** The latest instant the person showed up of their own accord (prospect retention runs from it). */
  lastOwnActivityAt?: string;
}

export function emptySubjectRecord(subjectId: string): SubjectRecord {
  return {
    subjectId,
    kind: null,
    identifiers: { emails: [], phones: [] },
    retained: [],
    eventCount: 0,
    updatedAt: '',
  };
}

/** An event as the history keeps it: without its subject, with its log position and place. */
export function historyEntry(
  event: LedgerEvent,
  position: { partition: number; offset: string },
  seq: number,
  chain?: ChainLink,
): HistoryEntry {
  const { subjectId: _subjectId, ...rest } = event;
  return { ...rest, position, seq, ...(chain ? { chain } : {}) };
}

/** What the projection must remember of a subject to know whether it refuses the next event. */
export interface RefusalState {
  subjectId: string;
  erasedAt?: string;
  lastOwnActivityAt?: string;
}

/**
 * Why the projection refuses an event for this subject (it is dead-lettered, never applied), or
 * undefined. Shared with `ledger verify`, which must skip exactly what the projector skipped.
 */
export function projectionRefusal(state: RefusalState, event: LedgerEvent): string | undefined {
  if (event.type === SUBJECT_EXPIRED) {
    // Decided from a read model: an own activity applied since makes the expiry stale.
    const expiredFrom = (event as SubjectExpired).data.lastOwnActivityAt;
    const last = state.lastOwnActivityAt;
    if (last !== undefined && Date.parse(last) > Date.parse(expiredFrom))
      return `stale expiry of ${state.subjectId}: active on ${last}, after ${expiredFrom}`;
  }
  if (state.erasedAt !== undefined && !isPurge(event))
    return `subject ${state.subjectId} was erased at ${state.erasedAt}: nothing more is recorded`;
  return undefined;
}

/** The latest own activity once `event` is applied. */
export function ownActivityAfter(before: string | undefined, event: LedgerEvent): string | undefined {
  if (!isOwnActivity(event)) return before;
  return before === undefined || Date.parse(event.occurredAt) >= Date.parse(before)
    ? event.occurredAt
    : before;
}

/**
 * Pure projection step. A log record already applied (its offset is not past `appliedOffset`)
 * or an event id still retained changes nothing; the projector also checks event ids against
 * every event ever applied, so duplicates stay exact beyond what is retained.
 */
export function evolveSubjectRecord(
  current: SubjectRecord | null,
  event: LedgerEvent,
  position: { partition: number; offset: string },
  chain?: ChainLink,
): SubjectRecord {
  const record = current ?? emptySubjectRecord(event.subjectId);
  if (record.appliedOffset !== undefined && Number(position.offset) <= record.appliedOffset) return record;
  if (record.retained.some((entry) => entry.id === event.id)) return record;
  // Records projected before it was kept: from what they retain.
  const lastOwnActivityAt = record.lastOwnActivityAt ?? lastOwnActivity(record.retained)?.occurredAt;
  const refusal = projectionRefusal(
    {
      subjectId: record.subjectId,
      ...(record.erasedAt !== undefined ? { erasedAt: record.erasedAt } : {}),
      ...(lastOwnActivityAt !== undefined ? { lastOwnActivityAt } : {}),
    },
    event,
  );
  if (refusal !== undefined) throw new Error(refusal);
  const entry = historyEntry(event, position, record.eventCount, chain);
  const next: SubjectRecord = {
    ...record,
    ...retainedEntries(record, entry),
    eventCount: record.eventCount + 1,
    updatedAt: event.recordedAt,
    appliedOffset: Math.max(record.appliedOffset ?? -1, Number(position.offset)),
  };
  if (chain) next.chainHead = chain.hash;
  const ownActivity = ownActivityAfter(lastOwnActivityAt, event);
  if (ownActivity !== undefined) next.lastOwnActivityAt = ownActivity;
  if (isPurge(event)) {
    return {
      subjectId: record.subjectId,
      kind: null,
      identifiers: { emails: [], phones: [] },
      identifierKeys: { emails: [], phones: [] },
      retained: [entry],
      eventCount: record.eventCount + 1,
      erasedAt: event.recordedAt,
      erasedBecause: event.type === SUBJECT_ERASED ? 'erasure' : 'retention',
      updatedAt: event.recordedAt,
      appliedOffset: next.appliedOffset,
      // The chain runs on through an erasure: what came before stays verifiable, sealed.
      ...(next.chainHead !== undefined ? { chainHead: next.chainHead } : {}),
    };
  }
  if (event.type === SUBJECT_REGISTERED) {
    const registered = event as SubjectRegistered;
    next.kind = registered.data.kind;
    next.identifiers = registered.data.identifiers;
    next.identifierKeys = registered.data.identifierKeys ?? registered.data.identifiers;
    delete next.timeZone;
    delete next.holidayCalendar;
    if (registered.data.timeZone !== undefined) next.timeZone = registered.data.timeZone;
    if (registered.data.holidayCalendar !== undefined) next.holidayCalendar = registered.data.holidayCalendar;
  }
  return next;
}

/**
 * Where the record stands in the log: the position of the last event applied to it (a
 * subject's events share one partition). What an answer from it includes, as a position token.
 */
export function appliedPosition(record: SubjectRecord): { partition: number; offset: string } | undefined {
  const last = record.retained.at(-1)?.position;
  if (last === undefined || record.appliedOffset === undefined) return undefined;
  return { partition: last.partition, offset: String(record.appliedOffset) };
}

/** The record with its full history in place of the retained entries, for `at` before `completeFrom`. */
export function withFullHistory(record: SubjectRecord, history: HistoryEntry[]): SubjectRecord {
  const { completeFrom: _from, cookiesAcceptedBefore: _cookies, prunedTo: _prunedTo, ...rest } = record;
  return { ...rest, retained: history };
}

/** Whether a question about `at` needs the full history rather than the retained entries. */
export function needsFullHistory(record: SubjectRecord | null, at: string): boolean {
  return record?.completeFrom !== undefined && Date.parse(at) < Date.parse(record.completeFrom);
}

/**
 * The retained entries as the ledger knew them at `at`: recorded by then (so also in effect by
 * then), in effect order. A back-dated event recorded later never changes an earlier answer, so
 * a decision as of a past instant reproduces what was answered then.
 */
export function historyAsOf(record: SubjectRecord, at: string): HistoryEntry[] {
  const instant = Date.parse(at);
  return inEffectOrder(
    [...record.retained, ...(record.inherited ?? [])].filter(
      (entry) => Date.parse(entry.recordedAt) <= instant,
    ),
  );
}

/** The identifier keys a record links (its hashes; the identifiers themselves before v3). */
export const identifierKeysOf = (record: SubjectRecord): SubjectIdentifiers =>
  record.identifierKeys ?? record.identifiers;

/**
 * The record with identifiers that another subject owns taken out: the identifier index keeps
 * the first owner, and the record must tell the same story.
 */
export function withoutIdentifiers(record: SubjectRecord, keys: string[]): SubjectRecord {
  if (keys.length === 0) return record;
  const taken = new Set(keys);
  const hashes = identifierKeysOf(record);
  const { emails, phones, memberNumber } = record.identifiers;
  // Identifiers and their hashes go item for item: an identifier leaves with its hash.
  const kept = (kind: string, list: string[]) =>
    list.map((_, i) => i).filter((i) => !taken.has(`${kind}:${list[i]}`));
  const emailsKept = kept('email', hashes.emails);
  const phonesKept = kept('phone', hashes.phones);
  const memberKept = hashes.memberNumber !== undefined && !taken.has(`member:${hashes.memberNumber}`);
  return {
    ...record,
    identifiers: {
      emails: emailsKept.map((i) => emails[i]),
      phones: phonesKept.map((i) => phones[i]),
      ...(memberKept && memberNumber !== undefined ? { memberNumber } : {}),
    },
    identifierKeys: {
      emails: emailsKept.map((i) => hashes.emails[i]),
      phones: phonesKept.map((i) => hashes.phones[i]),
      ...(memberKept ? { memberNumber: hashes.memberNumber } : {}),
    },
  };
}
