import { CALL_ATTEMPT_RECORDED, isCanvassingRefusal } from '../calls/call-attempt-recorded';
import {
  CALL_STARTED,
  RECORDING_OBJECTED,
  recordingPurpose,
  type RecordingObjectedData,
} from '../calls/call-recordings';
import { CONTACT_RECORDED, type ContactRecordedData } from '../contacts/contact-recorded';
import { D223_9_GUARDS } from '../policy/canvassing-guards';
import { PROCESSING_RESTRICTED, RESTRICTION_LIFTED } from '../rights/processing-restriction';
import {
  CONSENT_GIVEN,
  CONSENT_WITHDRAWN,
  OPPOSITION_REGISTERED,
  OPPOSITION_WITHDRAWN,
  type ChoiceScope,
  type OppositionScope,
} from '../consents/consent-events';
import { COOKIE_CHOICES_RECORDED, type CookieChoicesRecordedData } from '../cookies/cookie-choices-recorded';
import { CHANNELS } from '../vocabulary/purposes';
import {
  CUSTOMER_RELATIONSHIP_ENDED,
  CUSTOMER_RELATIONSHIP_ESTABLISHED,
} from '../relationships/customer-relationship';
import { inEffectOrder, type HistoryEntry } from './history-entry';
import { SUBJECT_REGISTERED } from './subject-registered';

/** How many entries each key keeps: `at` questions a little in the past stay served by the record. */
export const ENTRIES_PER_KEY = 4;

/** Letting go sorts what is retained: done when it has doubled since, at least this long. */
const PRUNE_FROM = 32;

const DAY_MS = 86_400_000;

/** What is retained of a subject's history, and from when it answers exactly. */
export interface Retained {
  retained: HistoryEntry[];
  completeFrom?: string;
  cookiesAcceptedBefore?: string[];
  /** How many entries the last letting-go kept: the next one waits for twice as many. */
  prunedTo?: number;
}

/** One key a channel (every channel for an objection that names none) and partner (or none). */
const choiceKeys = (kind: string, scope: ChoiceScope | OppositionScope): string[] =>
  (scope.channels ?? CHANNELS).map((channel) => `${kind}|${scope.purpose}|${channel}|${scope.partner ?? ''}`);

/**
 * The decision keys an entry can settle: decide() folds, per key, the latest entry in effect, so
 * an entry followed by a later one of each of its keys no longer decides anything.
 */
export function decisionKeys(entry: HistoryEntry): string[] {
  switch (entry.type) {
    case CONSENT_GIVEN:
    case CONSENT_WITHDRAWN:
      return choiceKeys('consent', entry.data as ChoiceScope);
    case OPPOSITION_REGISTERED:
    case OPPOSITION_WITHDRAWN:
      return choiceKeys('opposition', entry.data as OppositionScope);
    case SUBJECT_REGISTERED:
      return ['kind'];
    case COOKIE_CHOICES_RECORDED:
      return ['cookies'];
    case RECORDING_OBJECTED:
      return [`opposition|${recordingPurpose((entry.data as RecordingObjectedData).recording)}|phone|`];
    case PROCESSING_RESTRICTED:
    case RESTRICTION_LIFTED:
      return ['restriction'];
    case CONTACT_RECORDED:
      // A contact the person initiated restarts a prospect's retention: the latest ones stay.
      return (entry.data as ContactRecordedData).initiatedBy === 'subject' ? ['own-contact'] : [];
    case CUSTOMER_RELATIONSHIP_ESTABLISHED:
    case CUSTOMER_RELATIONSHIP_ENDED:
      // Starts and ends apart: a contract's latest start always stays, so an end finds it in the record.
      return [`${entry.type}|${(entry.data as { contractRef: string }).contractRef}`];
    default:
      // A canvassing call the person refused opposes telephone prospecting.
      return isCanvassingRefusal(entry) ? ['opposition|prospecting|phone|'] : [];
  }
}

/** A canvassing call started or reported: what the D.223-9 attempt limit counts. */
export const isCanvassingAttempt = (entry: HistoryEntry): boolean =>
  (entry.type === CALL_ATTEMPT_RECORDED || entry.type === CALL_STARTED) &&
  (entry.data as { kind: string }).kind === 'canvassing';

/**
 * Adds `entry` and lets go of what can no longer decide anything: per decision key the latest
 * ENTRIES_PER_KEY entries stay, canvassing attempts stay for the attempt window after the
 * latest one, other types keep their latest few. Letting go of an entry moves `completeFrom`
 * to the first instant a later entry of each of its keys was recorded: from then on, as the
 * ledger knew it, it is superseded.
 */
export function retainedEntries(current: Retained, entry: HistoryEntry): Retained {
  const { completeFrom: from, cookiesAcceptedBefore, prunedTo } = current;
  const all = [...current.retained, entry];
  // Amortised: appending keeps log order, and the retained entries at most double the bound.
  if (all.length < Math.max(PRUNE_FROM, 2 * (prunedTo ?? 0))) {
    return {
      retained: all,
      ...(from !== undefined ? { completeFrom: from } : {}),
      ...(cookiesAcceptedBefore !== undefined ? { cookiesAcceptedBefore } : {}),
      ...(prunedTo !== undefined ? { prunedTo } : {}),
    };
  }
  const ordered = inEffectOrder(all);
  const windowMs = D223_9_GUARDS.attemptWindowDays * DAY_MS;
  const latestAttempt = Math.max(
    -Infinity,
    ...ordered.filter(isCanvassingAttempt).map((e) => Date.parse(e.occurredAt)),
  );
  // Per key: how many later entries (in effect order) there are, and the first instant one of them was known.
  const seen = new Map<string, { count: number; knownFrom: number }>();
  let completeFrom = current.completeFrom === undefined ? -Infinity : Date.parse(current.completeFrom);
  const cookiesAccepted = new Set(current.cookiesAcceptedBefore ?? []);
  const kept: HistoryEntry[] = [];
  // Newest first, so `seen` holds, per key, how many later entries there are and the next one's instant.
  for (let i = ordered.length - 1; i >= 0; i--) {
    const candidate = ordered[i];
    const keys = decisionKeys(candidate);
    const bounded = keys.length > 0 ? keys : [`type|${candidate.type}`];
    const needed =
      bounded.some((key) => (seen.get(key)?.count ?? 0) < ENTRIES_PER_KEY) ||
      (isCanvassingAttempt(candidate) && Date.parse(candidate.occurredAt) > latestAttempt - windowMs);
    if (needed) {
      kept.push(candidate);
    } else if (keys.length > 0) {
      for (const key of keys) completeFrom = Math.max(completeFrom, seen.get(key)!.knownFrom);
      if (candidate.type === COOKIE_CHOICES_RECORDED) {
        const { choices } = candidate.data as CookieChoicesRecordedData;
        for (const [category, accepted] of Object.entries(choices))
          if (accepted) cookiesAccepted.add(category);
      }
    }
    // Recorded means known and in effect (an event takes effect no later than it is recorded).
    const recorded = Date.parse(candidate.recordedAt);
    for (const key of bounded) {
      const later = seen.get(key);
      seen.set(key, {
        count: (later?.count ?? 0) + 1,
        knownFrom: Math.min(later?.knownFrom ?? Infinity, recorded),
      });
    }
  }
  kept.sort((a, b) => Number(a.position.offset) - Number(b.position.offset));
  return {
    retained: kept,
    ...(completeFrom > -Infinity ? { completeFrom: new Date(completeFrom).toISOString() } : {}),
    ...(cookiesAccepted.size > 0 ? { cookiesAcceptedBefore: [...cookiesAccepted].sort() } : {}),
    prunedTo: kept.length,
  };
}
