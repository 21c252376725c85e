import type { Channel, Purpose } from '../vocabulary/purposes';

/** How a purpose on a channel is governed. */
export type Regime =
  /** Prior consent required (opt-in). */
  | 'consent_required'
  /** Allowed unless the person objected (opt-out). */
  | 'opt_out'
  /** Not based on consent: an opposition is recorded but does not block. */
  | 'not_consent_based';

/** Cases where a consent-required purpose is allowed without consent, unless opposed. */
export type ConsentException = 'b2b_contact' | 'customer_soft_opt_in' | 'contract_in_progress';

export interface ChannelRule {
  regime: Regime;
  legalBasis: string;
  exceptions?: ConsentException[];
  /** A "no" said during a call opposes this purpose on this channel (telephone canvassing). */
  callRefusalOpposes?: boolean;
  /** A subject the ledger has never seen is refused (`subject_unknown`): nothing shows they could object. */
  refusesUnknownSubject?: boolean;
  /** Objections to these purposes on the channel oppose this one too, for every partner (GDPR art. 21(3)). */
  opposedAlsoBy?: Purpose[];
  /** The purpose has no channel: an objection on any channel applies whatever channel is asked. */
  channelless?: boolean;
  /** Where the rule comes from, for the DPO. */
  source: string;
}

export type DecisionPurpose = Purpose | `cookies_${string}`;
export type DecisionChannel = Channel | 'web';

/** What a consent must carry for the controller to prove it (GDPR art. 7(1)). */
export interface ConsentProofRule {
  /** The notice shown when consent was given: {id, version}. */
  noticeRequired: boolean;
  /** Consents that also need a proof {type, ref} (a double opt-in, a recording, a signed form). */
  proofRequiredFor: Array<{ purpose: Purpose; channels: Channel[] }>;
}

/** One version of a policy: rules are data, in force from `effectiveFrom` until the next version. */
export interface PolicyVersion {
  id: string;
  version: string;
  effectiveFrom: string;
  /**
   * When the ledger took this version on (default: effectiveFrom). A correction adopted today
   * may take effect from an earlier date the law set; asked as of an instant before its
   * adoption, the ledger answers with the rules it had then.
   */
  adoptedAt?: string;
  rules: Partial<Record<Purpose, Partial<Record<Channel, ChannelRule>>>>;
  cookies: { consentMaxAgeMonths: number; categories: string[] };
  /** D.223-9 hours and public holidays are those where the person lives (their registration says where). */
  callingHoursWhereThePersonLives?: boolean;
  /**
   * Exceptions that hold only while a customer relationship is active (law 2025-594 says
   * "contrat en cours"; for soft opt-in the cautious reading): the member's kind alone no longer suffices.
   */
  relationshipRequiredFor?: ConsentException[];
  /** Canvassing calls must be recorded: a standing objection to that recording refuses the call at start. */
  canvassingNeedsRecording?: boolean;
  /** Prospects are expired (`subject_expired`) this many months after their last own activity. */
  prospectRetentionMonths?: number;
  /** What a consent must carry to be provable; absent: nothing beyond the body's own rules. */
  consentProof?: ConsentProofRule;
  /** How long call material is kept, in months (policy §enregistrement, telemarketing law). */
  retention: {
    qualityRecordingMonths: number;
    analysisGridMonths: number;
    canvassingRecordingMonths: number;
  };
}

/**
 * `iso` plus whole calendar months (UTC calendar, time of day kept), clamped to the last day of
 * the target month: 31 August + 6 months is 28 February (29 in a leap year), never 3 March.
 */
export function addMonths(iso: string, months: number): string {
  const date = new Date(iso);
  const day = date.getUTCDate();
  date.setUTCDate(1);
  date.setUTCMonth(date.getUTCMonth() + months);
  const lastDay = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 0)).getUTCDate();
  date.setUTCDate(Math.min(day, lastDay));
  return date.toISOString();
}

export interface Policy {
  id: string;
  versions: PolicyVersion[];
}

const adoptedAt = (version: PolicyVersion): number => Date.parse(version.adoptedAt ?? version.effectiveFrom);

/**
 * The version in force at `at`, as the ledger knew it then: among the versions adopted by `at`,
 * the latest whose effectiveFrom is not after it; of two effective from the same day, the one
 * adopted last (a correction).
 */
export function policyInForce(policy: Policy, at: string): PolicyVersion {
  const instant = Date.parse(at);
  const candidates = policy.versions
    .filter((v) => Date.parse(v.effectiveFrom) <= instant && adoptedAt(v) <= instant)
    .sort((a, b) => Date.parse(b.effectiveFrom) - Date.parse(a.effectiveFrom) || adoptedAt(b) - adoptedAt(a));
  return (
    candidates[0] ??
    [...policy.versions].sort((a, b) => Date.parse(a.effectiveFrom) - Date.parse(b.effectiveFrom))[0]
  );
}

/** When call material recorded at `at` must be destroyed, by the policy version in force then. */
export function recordingDestroyBy(
  policy: Policy,
  at: string,
): { qualityRecording: string; analysisGrid: string; canvassingRecording: string } {
  const { retention } = policyInForce(policy, at);
  return {
    qualityRecording: addMonths(at, retention.qualityRecordingMonths),
    analysisGrid: addMonths(at, retention.analysisGridMonths),
    canvassingRecording: addMonths(at, retention.canvassingRecordingMonths),
  };
}
