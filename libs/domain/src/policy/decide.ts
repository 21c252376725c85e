import {
  CONSENT_GIVEN,
  CONSENT_WITHDRAWN,
  OPPOSITION_REGISTERED,
  OPPOSITION_WITHDRAWN,
  type ChoiceScope,
  type ConsentGivenData,
  type OppositionScope,
} from '../consents/consent-events';
import { isCanvassingRefusal } from '../calls/call-attempt-recorded';
import { RECORDING_OBJECTED, recordingPurpose, type RecordingObjectedData } from '../calls/call-recordings';
import { activeRelationship } from '../relationships/customer-relationship';
import { standingRestriction } from '../rights/processing-restriction';
import { prospectExpired } from './prospect-retention';

/** The legal bases a restriction of processing suspends (GDPR art. 18(2)). */
const RESTRICTED_BASES = new Set(['consent', 'legitimate_interest']);
import { COOKIE_CHOICES_RECORDED, type CookieChoicesRecordedData } from '../cookies/cookie-choices-recorded';
import {
  effectiveAt,
  historyAsOf,
  needsFullHistory,
  type HistoryEntry,
  type SubjectRecord,
} from '../subjects/subject-record';
import { SUBJECT_REGISTERED, type SubjectRegisteredData } from '../subjects/subject-registered';
import type { SubjectKind } from '../subjects/subject-kind';
import type { Partner } from '../vocabulary/purposes';
import {
  addMonths,
  policyInForce,
  type ChannelRule,
  type ConsentException,
  type DecisionChannel,
  type DecisionPurpose,
  type Policy,
  type PolicyVersion,
} from './policy';

/** Stable reason codes: API, never renamed. */
export type ReasonCode =
  | 'consent_given'
  | 'consent_missing'
  | 'consent_withdrawn'
  | 'consent_expired'
  | 'opposed'
  | 'not_opposed'
  | 'b2b_exception'
  | 'customer_soft_opt_in'
  | 'contract_in_progress'
  | 'refused_during_call'
  | 'not_consent_based'
  | 'necessary_cookie'
  | 'no_rule'
  | 'subject_erased'
  | 'subject_expired'
  /** Call start: Code de la consommation D.223-9 (days, hours, public holidays). */
  | 'outside_calling_hours'
  /** Call start: D.223-9, at most 4 canvassing attempts in 30 days. */
  | 'attempt_limit_reached'
  /** A partner transfer of someone the ledger has never seen: nothing shows they were informed. */
  | 'subject_unknown'
  /** Call start: the person objects to the recording a canvassing call must have. */
  | 'recording_objection'
  /** Processing restricted (GDPR art. 18): consent- and legitimate-interest-based purposes wait. */
  | 'restricted';

export interface DecisionQuery {
  purpose: DecisionPurpose;
  channel: DecisionChannel;
  partner?: Partner;
  /** The instant the question is asked about (ISO 8601). */
  at: string;
}

export interface Decision {
  allowed: boolean;
  reason: ReasonCode;
  legalBasis: string;
  /** Ids of the events the answer rests on. */
  evidence: string[];
  policy: { id: string; version: string };
  /** For purposes not based on consent: an opposition exists but does not block. */
  oppositionRecorded?: boolean;
}

const EXCEPTION_REASONS: Record<ConsentException, ReasonCode> = {
  b2b_contact: 'b2b_exception',
  customer_soft_opt_in: 'customer_soft_opt_in',
  contract_in_progress: 'contract_in_progress',
};

/** Members are the insurer's customers with a contract in progress (adhérents). */
function exceptionApplies(exception: ConsentException, kind: SubjectKind | null): boolean {
  if (exception === 'b2b_contact') return kind === 'b2b_contact';
  return kind === 'member';
}

function matches(scope: ChoiceScope, query: DecisionQuery): boolean {
  return (
    scope.purpose === query.purpose &&
    (scope.channels as string[]).includes(query.channel) &&
    (scope.purpose !== 'partner_transfer' || scope.partner === query.partner)
  );
}

/**
 * Which objection an opposition entry is, as far as this question goes (undefined: it does not
 * bear on it). Its own purpose on the channel asked (any channel when it names none, or when the
 * rule is channel-less), for the partner asked or every partner; or a purpose whose objection the
 * rule extends to this one. A withdrawal lifts the objection of the same source only.
 */
function objectionSource(
  scope: OppositionScope,
  query: DecisionQuery,
  rule: ChannelRule | undefined,
): string | undefined {
  const onChannel =
    scope.channels === undefined ||
    (scope.channels as string[]).includes(query.channel) ||
    (rule?.channelless === true && scope.purpose === query.purpose);
  if (!onChannel) return undefined;
  if (scope.purpose === query.purpose) {
    if (scope.purpose !== 'partner_transfer') return scope.purpose;
    if (scope.partner === undefined) return 'partner_transfer|every-partner';
    return scope.partner === query.partner ? `partner_transfer|${scope.partner}` : undefined;
  }
  return rule?.opposedAlsoBy?.includes(scope.purpose) ? scope.purpose : undefined;
}

interface Objection {
  entry: HistoryEntry;
  active: boolean;
  refusedDuringCall?: boolean;
}

interface ChoiceState {
  kind: SubjectKind | null;
  /** The customer relationship active at the instant asked, if any. */
  relationship?: HistoryEntry;
  consent?: { entry: HistoryEntry; given: boolean; expiresAt?: string };
  /** Per source of objection, the latest word on it. */
  objections: Map<string, Objection>;
}

function foldChoices(
  history: HistoryEntry[],
  query: DecisionQuery,
  rule: ChannelRule | undefined,
): ChoiceState {
  const state: ChoiceState = { kind: null, objections: new Map() };
  for (const entry of history) {
    if (entry.type === SUBJECT_REGISTERED) {
      state.kind = (entry.data as SubjectRegisteredData).kind;
      continue;
    }
    if (isCanvassingRefusal(entry)) {
      // The refusal is an objection to the purpose asked: lifting that objection lifts it too.
      if (rule?.callRefusalOpposes === true) {
        state.objections.set(query.purpose, { entry, active: true, refusedDuringCall: true });
      }
      continue;
    }
    if (entry.type === RECORDING_OBJECTED) {
      // An objection to a call's recording is an opposition to that recording purpose by phone.
      const { recording } = entry.data as RecordingObjectedData;
      const source = objectionSource(
        { purpose: recordingPurpose(recording), channels: ['phone'] },
        query,
        rule,
      );
      if (source !== undefined) state.objections.set(source, { entry, active: true });
      continue;
    }
    if (entry.type === OPPOSITION_REGISTERED || entry.type === OPPOSITION_WITHDRAWN) {
      const source = objectionSource(entry.data as OppositionScope, query, rule);
      if (source !== undefined) {
        state.objections.set(source, { entry, active: entry.type === OPPOSITION_REGISTERED });
      }
      continue;
    }
    const scope = entry.data as ChoiceScope;
    if (entry.type === CONSENT_GIVEN && matches(scope, query)) {
      const expiresAt = (entry.data as ConsentGivenData).expiresAt;
      state.consent = { entry, given: true, ...(expiresAt !== undefined ? { expiresAt } : {}) };
    } else if (entry.type === CONSENT_WITHDRAWN && matches(scope, query)) {
      state.consent = { entry, given: false };
    }
  }
  return state;
}

/** The objection that stands, if any: the latest recorded of those still active. */
function standingObjection(state: ChoiceState): Objection | undefined {
  let standing: Objection | undefined;
  for (const objection of state.objections.values()) {
    if (objection.active && (standing === undefined || laterThan(objection.entry, standing.entry))) {
      standing = objection;
    }
  }
  return standing;
}

/** The latest word on any objection, active or lifted: the evidence of `not_opposed`. */
function latestObjectionWord(state: ChoiceState): HistoryEntry | undefined {
  let latest: HistoryEntry | undefined;
  for (const { entry } of state.objections.values()) if (laterThan(entry, latest)) latest = entry;
  return latest;
}

/** The subject's kind by their latest registration among these entries. */
function kindAsOf(history: HistoryEntry[]): SubjectKind | null {
  let kind: SubjectKind | null = null;
  for (const entry of history)
    if (entry.type === SUBJECT_REGISTERED) kind = (entry.data as SubjectRegisteredData).kind;
  return kind;
}

/** At the same effective instant the restrictive choice wins. */
const laterThan = (a: HistoryEntry, b: HistoryEntry | undefined): boolean =>
  b === undefined || effectiveAt(a) >= effectiveAt(b);

function decideByRule(
  rule: ChannelRule,
  state: ChoiceState,
  query: DecisionQuery,
  version: PolicyVersion,
): Decision {
  const policy = { id: version.id, version: version.version };
  const answer = (
    allowed: boolean,
    reason: ReasonCode,
    evidence: HistoryEntry[] = [],
    legalBasis = rule.legalBasis,
  ) => ({
    allowed,
    reason,
    legalBasis,
    evidence: evidence.map((entry) => entry.id),
    policy,
  });
  const standing = standingObjection(state);
  const opposition = standing?.entry;
  const opposed: ReasonCode = standing?.refusedDuringCall ? 'refused_during_call' : 'opposed';

  if (rule.regime === 'not_consent_based') {
    return {
      ...answer(true, 'not_consent_based', opposition ? [opposition] : []),
      ...(opposition ? { oppositionRecorded: true } : {}),
    };
  }
  if (rule.regime === 'opt_out') {
    if (opposition) return answer(false, opposed, [opposition]);
    const lifted = latestObjectionWord(state);
    return answer(true, 'not_opposed', lifted ? [lifted] : []);
  }
  const consent = state.consent;
  const consentActive =
    consent?.given === true &&
    (consent.expiresAt === undefined || Date.parse(consent.expiresAt) > Date.parse(query.at));
  // The more recent of an opposition and a consent expresses the person's will.
  if (opposition && (!consentActive || laterThan(opposition, consent?.entry))) {
    return answer(false, opposed, [opposition]);
  }
  if (consent && consentActive) return answer(true, 'consent_given', [consent.entry]);
  if (consent && !consent.given) return answer(false, 'consent_withdrawn', [consent.entry]);
  const needsRelationship = (e: ConsentException) => version.relationshipRequiredFor?.includes(e) === true;
  const exception = rule.exceptions?.find((e) =>
    needsRelationship(e) ? state.relationship !== undefined : exceptionApplies(e, state.kind),
  );
  if (exception) {
    // The decision names the relationship it relied on.
    const relied = needsRelationship(exception) && state.relationship ? [state.relationship] : [];
    return answer(true, EXCEPTION_REASONS[exception], relied, 'legitimate_interest');
  }
  if (consent) return answer(false, 'consent_expired', [consent.entry]);
  return answer(false, 'consent_missing');
}

function decideCookie(
  history: HistoryEntry[],
  acceptedBefore: string[],
  category: string,
  query: DecisionQuery,
  version: PolicyVersion,
): Decision {
  const policy = { id: version.id, version: version.version };
  if (category === 'necessary') {
    return {
      allowed: true,
      reason: 'necessary_cookie',
      legalBasis: 'strictly_necessary',
      evidence: [],
      policy,
    };
  }
  const choices = history.filter((entry) => entry.type === COOKIE_CHOICES_RECORDED);
  const latest = choices[choices.length - 1];
  const base = { legalBasis: 'consent', policy };
  if (!latest || !version.cookies.categories.includes(category)) {
    return { ...base, allowed: false, reason: 'consent_missing', evidence: [] };
  }
  const accepted = (entry: HistoryEntry) =>
    (entry.data as CookieChoicesRecordedData).choices[
      category as keyof CookieChoicesRecordedData['choices']
    ] === true;
  if (!accepted(latest)) {
    const earlier = acceptedBefore.includes(category) || choices.slice(0, -1).some(accepted);
    return {
      ...base,
      allowed: false,
      reason: earlier ? 'consent_withdrawn' : 'consent_missing',
      evidence: [latest.id],
    };
  }
  const lapsesAt = addMonths(
    new Date(effectiveAt(latest)).toISOString(),
    version.cookies.consentMaxAgeMonths,
  );
  if (Date.parse(lapsesAt) <= Date.parse(query.at)) {
    return { ...base, allowed: false, reason: 'consent_expired', evidence: [latest.id] };
  }
  return { ...base, allowed: true, reason: 'consent_given', evidence: [latest.id] };
}

/**
 * May we act on this subject for this purpose and channel, at `query.at`? Only events that had
 * occurred by then count, under the policy version in force then. An unknown subject (null)
 * gets the regime's default.
 */
export function decide(policy: Policy, record: SubjectRecord | null, query: DecisionQuery): Decision {
  if (needsFullHistory(record, query.at)) {
    // The caller loads the full history for instants the retained entries cannot answer.
    throw new Error(`deciding at ${query.at} needs ${record!.subjectId}'s full history (withFullHistory)`);
  }
  const version = policyInForce(policy, query.at);
  if (record?.erasedAt !== undefined) {
    // Nothing is left to decide on: the person's data is gone, whatever the instant asked.
    return {
      allowed: false,
      reason: record.erasedBecause === 'retention' ? 'subject_expired' : 'subject_erased',
      legalBasis: 'none',
      evidence: record.retained.map((entry) => entry.id),
      policy: { id: version.id, version: version.version },
    };
  }
  const history = record ? historyAsOf(record, query.at) : [];
  if (query.purpose.startsWith('cookies_')) {
    const acceptedBefore = record?.cookiesAcceptedBefore ?? [];
    return decideCookie(history, acceptedBefore, query.purpose.slice('cookies_'.length), query, version);
  }
  const rule = version.rules[query.purpose as keyof PolicyVersion['rules']]?.[query.channel as 'email'];
  if (!rule) {
    return {
      allowed: false,
      reason: 'no_rule',
      legalBasis: 'none',
      evidence: [],
      policy: { id: version.id, version: version.version },
    };
  }
  const refused = (reason: ReasonCode, evidence: HistoryEntry[] = []): Decision => ({
    allowed: false,
    reason,
    legalBasis: rule.legalBasis,
    evidence: evidence.map((entry) => entry.id),
    policy: { id: version.id, version: version.version },
  });
  if (record === null && rule.refusesUnknownSubject === true) return refused('subject_unknown');
  // A prospect silent past the retention period is no longer ours to contact on consent.
  const expiredFrom =
    version.prospectRetentionMonths !== undefined &&
    rule.legalBasis === 'consent' &&
    kindAsOf(history) === 'prospect'
      ? prospectExpired(history, version.prospectRetentionMonths, query.at)
      : undefined;
  if (expiredFrom) return refused('subject_expired', [expiredFrom]);
  // A restriction holds every purpose based on consent or legitimate interest until lifted.
  const restriction = standingRestriction(history);
  if (restriction && RESTRICTED_BASES.has(rule.legalBasis)) return refused('restricted', [restriction]);
  const state = { ...foldChoices(history, query, rule), relationship: activeRelationship(history, query.at) };
  return decideByRule(rule, state, query, version);
}
