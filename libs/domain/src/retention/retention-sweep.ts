import { COOKIE_CHOICES_RECORDED } from '../cookies/cookie-choices-recorded';
import { effectiveAt, type HistoryEntry } from '../subjects/history-entry';
import { historyAsOf, identifierKeysOf, type SubjectRecord } from '../subjects/subject-record';
import { identifierKeys } from '../subjects/subject-registered';
import { addMonths, policyInForce, type Policy } from '../policy/policy';
import { prospectExpired } from '../policy/prospect-retention';
import { standingOppositions, type Suppression } from '../rights/subject-erased';

/** What outlives the person: their identifiers' hashes and the oppositions standing now. */
export function suppressionOf(record: SubjectRecord): Suppression {
  return {
    identifierKeys: identifierKeys(identifierKeysOf(record)),
    oppositions: standingOppositions([...record.retained, ...(record.inherited ?? [])]),
  };
}

/**
 * Whether a prospect is past the retention period at `at` under the version in force then (the
 * same rule decisions apply), with what it ran from; undefined for anyone else.
 */
export function retentionExpiry(
  policy: Policy,
  record: SubjectRecord,
  at: string,
): { lastOwnActivity: HistoryEntry; retentionMonths: number } | undefined {
  if (record.erasedAt !== undefined || record.kind !== 'prospect') return undefined;
  const months = policyInForce(policy, at).prospectRetentionMonths;
  if (months === undefined) return undefined;
  const lastOwnActivity = prospectExpired(historyAsOf(record, at), months, at);
  return lastOwnActivity ? { lastOwnActivity, retentionMonths: months } : undefined;
}

/** Whether the person's latest cookie choice has lapsed at `at` (decisions already refuse it). */
export function cookieChoiceLapsed(policy: Policy, record: SubjectRecord, at: string): boolean {
  const choices = historyAsOf(record, at).filter((entry) => entry.type === COOKIE_CHOICES_RECORDED);
  const latest = choices.at(-1);
  if (!latest) return false;
  const months = policyInForce(policy, at).cookies.consentMaxAgeMonths;
  return Date.parse(addMonths(new Date(effectiveAt(latest)).toISOString(), months)) <= Date.parse(at);
}
