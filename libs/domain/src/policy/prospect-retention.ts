import { CONSENT_GIVEN } from '../consents/consent-events';
import { CONTACT_RECORDED, type ContactRecordedData } from '../contacts/contact-recorded';
import { RIGHTS_REQUEST_RECEIVED } from '../rights/rights-request';
import type { HistoryEntry } from '../subjects/history-entry';
import { SUBJECT_REGISTERED } from '../subjects/subject-registered';
import { addMonths } from './policy';

/**
 * The last time a prospect showed up of their own accord (CNIL: prospect data is kept 3 years
 * after the last contact from the prospect): a contact they initiated, a consent they gave, a
 * right they exercised; their registration when there is nothing since.
 */
export function lastOwnActivity(entries: HistoryEntry[]): HistoryEntry | undefined {
  let latest: HistoryEntry | undefined;
  for (const entry of entries) {
    if (
      isOwnActivity(entry) &&
      (latest === undefined || Date.parse(entry.occurredAt) >= Date.parse(latest.occurredAt))
    ) {
      latest = entry;
    }
  }
  return latest;
}

/** Whether the person showed up of their own accord in this event. */
export function isOwnActivity(entry: Pick<HistoryEntry, 'type' | 'data'>): boolean {
  return (
    entry.type === SUBJECT_REGISTERED ||
    entry.type === CONSENT_GIVEN ||
    entry.type === RIGHTS_REQUEST_RECEIVED ||
    (entry.type === CONTACT_RECORDED && (entry.data as ContactRecordedData).initiatedBy === 'subject')
  );
}

/** Whether a prospect's data has outlived its retention at `at` (the entry it ran from, if so). */
export function prospectExpired(
  entries: HistoryEntry[],
  months: number,
  at: string,
): HistoryEntry | undefined {
  const last = lastOwnActivity(entries);
  if (last === undefined) return undefined;
  return Date.parse(addMonths(last.occurredAt, months)) <= Date.parse(at) ? last : undefined;
}
