import { CHANNELS, COOKIE_CATEGORIES, type Channel, type Purpose } from '../vocabulary/purposes';
import type { ChannelRule, Policy, PolicyVersion } from './policy';

const onAll = (rule: ChannelRule): Partial<Record<Channel, ChannelRule>> =>
  Object.fromEntries(CHANNELS.map((channel) => [channel, rule]));

const ELECTRONIC_PROSPECTING: ChannelRule = {
  regime: 'consent_required',
  legalBasis: 'consent',
  exceptions: ['b2b_contact', 'customer_soft_opt_in'],
  source: 'CPCE L.34-5; policy §prospection: prior consent, except legal persons and analogous products',
};
const OPT_OUT_PROSPECTING: ChannelRule = {
  regime: 'opt_out',
  legalBasis: 'legitimate_interest',
  source: 'GDPR art. 21(2); policy §prospection: allowed unless opposed',
};
const NOT_CONSENT_BASED = (legalBasis: string, source: string): ChannelRule => ({
  regime: 'not_consent_based',
  legalBasis,
  source,
});

const COMMON: PolicyVersion['rules'] = {
  partner_transfer: {
    email: {
      regime: 'consent_required',
      legalBasis: 'consent',
      exceptions: ['b2b_contact'],
      source: 'CPCE L.34-5; policy §partenaires: electronic transfer for prospecting needs prior consent',
    },
    sms: {
      regime: 'consent_required',
      legalBasis: 'consent',
      exceptions: ['b2b_contact'],
      source: 'CPCE L.34-5; policy §partenaires',
    },
    post: { ...OPT_OUT_PROSPECTING, source: 'policy §partenaires: post and phone allowed unless opposed' },
    phone: { ...OPT_OUT_PROSPECTING, source: 'policy §partenaires: post and phone allowed unless opposed' },
  },
  call_recording_quality: onAll({
    regime: 'opt_out',
    legalBasis: 'legitimate_interest',
    source: 'policy §enregistrement: quality recording unless the person objects; 6 months, grids 1 year',
  }),
  call_recording_canvassing: onAll({
    regime: 'opt_out',
    legalBasis: 'legal_obligation',
    source: 'Code de la consommation L.223-1 ff.; policy §démarchage: recorded unless objected; 2 years',
  }),
  profiling: onAll({
    regime: 'opt_out',
    legalBasis: 'legitimate_interest',
    source: 'GDPR art. 21(1); policy §profilage: analysis allowed unless opposed',
  }),
  contract_management: onAll(NOT_CONSENT_BASED('contract', 'GDPR art. 6(1)(b)')),
  legal_obligation: onAll(NOT_CONSENT_BASED('legal_obligation', 'GDPR art. 6(1)(c)')),
  fraud_detection: onAll(NOT_CONSENT_BASED('legitimate_interest', 'GDPR art. 6(1)(f); policy §fraude')),
  security: onAll(NOT_CONSENT_BASED('legitimate_interest', 'GDPR art. 6(1)(f); policy §sécurité')),
};

const prospecting = (
  phone: ChannelRule,
): Partial<Record<Purpose, Partial<Record<Channel, ChannelRule>>>> => ({
  prospecting: {
    email: ELECTRONIC_PROSPECTING,
    sms: ELECTRONIC_PROSPECTING,
    post: OPT_OUT_PROSPECTING,
    // Refusing a canvassing call is an opposition to phone prospecting (Code de la consommation).
    phone: { ...phone, callRefusalOpposes: true },
  },
});

const COOKIES = { consentMaxAgeMonths: 13, categories: [...COOKIE_CATEGORIES] };

/** Quality recordings 6 months, their analysis grids 1 year; canvassing recordings 2 years. */
const RETENTION = { qualityRecordingMonths: 6, analysisGridMonths: 12, canvassingRecordingMonths: 24 };

/** The compliance review's corrections were adopted on 29 November 2026 (Paris). */
const REVIEW_ADOPTED_AT = '2026-11-28T23:00:00.000Z';

/** Law n° 2025-594, as the review reads it (findings 4 and 5). */
const PHONE_LAW_RULES: PolicyVersion['rules'] = {
  ...COMMON,
  partner_transfer: {
    ...COMMON.partner_transfer,
    phone: {
      regime: 'consent_required',
      legalBasis: 'consent',
      exceptions: ['b2b_contact'],
      source:
        'Law n° 2025-594 (Code de la consommation L.223-1): from 2026-08-11 a transfer for telephone prospecting needs prior consent to that partner; legal persons excepted',
    },
  },
  ...prospecting({
    regime: 'consent_required',
    legalBasis: 'consent',
    // The opt-in protects consumers: a professional contact stays under opposition.
    exceptions: ['contract_in_progress', 'b2b_contact'],
    source:
      'Law n° 2025-594 (Code de la consommation L.223-1): prior consent of consumers; exceptions: a contract in progress (related products), a professional contact (allowed unless opposed)',
  }),
};

/**
 * The review's rules no law dates: every partner transfer refuses a subject never seen and is
 * opposed by an objection to prospecting on its channel (GDPR art. 21(2)-(3): an objection to
 * direct marketing covers every processing for it); profiling has no channel.
 */
function reviewed(rules: PolicyVersion['rules']): PolicyVersion['rules'] {
  const each = (
    channels: Partial<Record<Channel, ChannelRule>> | undefined,
    extra: Partial<ChannelRule>,
  ): Partial<Record<Channel, ChannelRule>> =>
    Object.fromEntries(
      Object.entries(channels ?? {}).map(([channel, rule]) => [channel, { ...rule, ...extra }]),
    );
  return {
    ...rules,
    partner_transfer: each(rules.partner_transfer, {
      refusesUnknownSubject: true,
      opposedAlsoBy: ['prospecting'],
    }),
    profiling: each(rules.profiling, { channelless: true }),
  };
}

/** The seed policy (LMG privacy policy) and French law, with the 2026-08-11 telephone switch. */
export const DEFAULT_POLICY: Policy = {
  id: 'lmg-privacy-policy',
  versions: [
    {
      id: 'lmg-privacy-policy',
      version: '2018-05-25',
      effectiveFrom: '2018-05-25T00:00:00.000Z',
      rules: {
        ...COMMON,
        ...prospecting({
          ...OPT_OUT_PROSPECTING,
          source: 'Bloctel regime: phone prospecting allowed unless opposed',
        }),
      },
      cookies: COOKIES,
      retention: RETENTION,
    },
    {
      id: 'lmg-privacy-policy',
      version: '2026-08-11',
      // Law n° 2025-594 of 30 June 2025: phone prospecting needs prior consent from this day (Paris time).
      effectiveFrom: '2026-08-10T22:00:00.000Z',
      rules: {
        ...COMMON,
        ...prospecting({
          regime: 'consent_required',
          legalBasis: 'consent',
          exceptions: ['contract_in_progress'],
          source:
            'Law n° 2025-594 (Code de la consommation L.223-1): prior consent; exception for a contract in progress, related products',
        }),
      },
      cookies: COOKIES,
      retention: RETENTION,
    },
    {
      // The 2026-08-11 rules as the law set them, corrected after the compliance review: in
      // force from that day, known to the ledger from the review's adoption (as-of answers before
      // it keep the version above).
      id: 'lmg-privacy-policy',
      version: '2026-08-11.r2',
      effectiveFrom: '2026-08-10T22:00:00.000Z',
      adoptedAt: REVIEW_ADOPTED_AT,
      rules: PHONE_LAW_RULES,
      cookies: COOKIES,
      retention: RETENTION,
    },
    {
      // The compliance review's corrections that no law dates: in force from their adoption.
      id: 'lmg-privacy-policy',
      version: '2026-11-29',
      effectiveFrom: REVIEW_ADOPTED_AT,
      rules: reviewed(PHONE_LAW_RULES),
      // CNIL: prospect data kept 3 years after the prospect's last own contact (policy §conservation).
      prospectRetentionMonths: 36,
      // A former member is a prospect again: these exceptions need a contract in progress.
      relationshipRequiredFor: ['customer_soft_opt_in', 'contract_in_progress'],
      // D.223-9 protects the person's own evenings, Sundays and holidays.
      callingHoursWhereThePersonLives: true,
      // The telemarketing law has canvassing calls recorded; an objection to it ends them.
      canvassingNeedsRecording: true,
      // GDPR art. 7(1) and law n° 2025-594 put the burden of proving consent on the controller.
      consentProof: {
        noticeRequired: true,
        proofRequiredFor: [
          { purpose: 'prospecting', channels: ['phone'] },
          { purpose: 'partner_transfer', channels: ['email', 'sms'] },
        ],
      },
      cookies: COOKIES,
      retention: RETENTION,
    },
  ],
};
