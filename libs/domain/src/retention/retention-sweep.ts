import {
  COOKIE_CHOICES_RECORDED,
  COOKIE_CONSENT_LAPSED,
  type CookieChoicesRecordedData,
  type CookieConsentLapsedData,
} from '../cookies/cookie-choices-recorded';
import type { CookieCategory } from '../vocabulary/purposes';
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

/**
 * The person's latest cookie choice when it accepted something and is past its maximum age at
 * `at` and no lapse of it is recorded yet: what the worker records as lapsed (decisions already
 * refuse it). Undefined otherwise.
 */
export function cookieConsentToLapse(
  policy: Policy,
  record: SubjectRecord,
  at: string,
): { choiceEventId: string; categories: CookieCategory[]; lapsedAt: string } | undefined {
  const history = historyAsOf(record, at);
  const latest = history.filter((entry) => entry.type === COOKIE_CHOICES_RECORDED).at(-1);
  if (!latest) return undefined;
  const accepted = Object.entries((latest.data as CookieChoicesRecordedData).choices)
    .filter(([, yes]) => yes)
    .map(([category]) => category as CookieCategory);
  if (accepted.length === 0) return undefined;
  const recorded = history.some(
    (entry) =>
      entry.type === COOKIE_CONSENT_LAPSED &&
      (entry.data as CookieConsentLapsedData).choiceEventId === latest.id,
  );
  if (recorded) return undefined;
  const months = policyInForce(policy, at).cookies.consentMaxAgeMonths;
  const lapsedAt = addMonths(new Date(effectiveAt(latest)).toISOString(), months);
  return Date.parse(lapsedAt) <= Date.parse(at)
    ? { choiceEventId: latest.id, categories: accepted, lapsedAt }
    : undefined;
}
