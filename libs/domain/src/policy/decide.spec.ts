import {
  giveConsent,
  registerOpposition,
  withdrawConsent,
  withdrawOpposition,
  type GiveConsent,
} from '../consents/consent-events';
import { recordCallAttempt } from '../calls/call-attempt-recorded';
import { recordContact } from '../contacts/contact-recorded';
import { liftRestriction, restrictProcessing } from '../rights/processing-restriction';
import { endRelationship, establishRelationship } from '../relationships/customer-relationship';
import { recordCookieChoices } from '../cookies/cookie-choices-recorded';
import type { LedgerEvent } from '../events/ledger-event';
import { registerSubject } from '../subjects/subject-registered';
import { evolveSubjectRecord, type SubjectRecord } from '../subjects/subject-record';
import type { SubjectKind } from '../subjects/subject-kind';
import { DEFAULT_POLICY } from './default-policy';
import { addMonths, recordingDestroyBy } from './policy';
import { decide, type DecisionQuery, type ReasonCode } from './decide';

const SUBJECT = 's-1';
const source = { collectionPoint: 'test', method: 'web_form' as const, client: 'test' };
let n = 0;
const ctx = (now: string) => ({ eventId: `e-${++n}`, now });
const base = (occurredAt: string) => ({
  subjectId: SUBJECT,
  actor: { type: 'subject' as const },
  source,
  occurredAt,
});

type Step = (at: string) => LedgerEvent;
const registered =
  (kind: SubjectKind): Step =>
  (at) =>
    registerSubject({ ...base(at), kind, identifiers: { emails: [], phones: [] } }, ctx(at));
const consent =
  (
    purpose: GiveConsent['purpose'],
    channels: GiveConsent['channels'],
    extra: Partial<GiveConsent> = {},
  ): Step =>
  (at) =>
    giveConsent({ ...base(at), purpose, channels, ...extra }, ctx(at));
const withdrawal =
  (
    purpose: GiveConsent['purpose'],
    channels: GiveConsent['channels'],
    extra: Partial<GiveConsent> = {},
  ): Step =>
  (at) =>
    withdrawConsent({ ...base(at), purpose, channels, ...extra }, ctx(at));
const opposition =
  (
    purpose: GiveConsent['purpose'],
    channels: GiveConsent['channels'],
    extra: Partial<GiveConsent> = {},
  ): Step =>
  (at) =>
    registerOpposition({ ...base(at), purpose, channels, ...extra }, ctx(at));
const liftOpposition =
  (
    purpose: GiveConsent['purpose'],
    channels: GiveConsent['channels'],
    partner?: GiveConsent['partner'],
  ): Step =>
  (at) =>
    withdrawOpposition({ ...base(at), purpose, channels, ...(partner ? { partner } : {}) }, ctx(at));
/** An objection naming no channel (every channel) and, for transfers, maybe no partner. */
const blanketOpposition =
  (purpose: GiveConsent['purpose'], extra: { partner?: GiveConsent['partner'] } = {}): Step =>
  (at) =>
    registerOpposition({ ...base(at), purpose, ...extra }, ctx(at));
const relationship =
  (contractRef: string): Step =>
  (at) =>
    establishRelationship({ ...base(at), contractRef, productLine: 'sante', startedAt: at }, ctx(at));
const relationshipEnded =
  (contractRef: string): Step =>
  (at) =>
    endRelationship({ ...base(at), contractRef, endedAt: at }, ctx(at));
const restricted: Step = (at) => restrictProcessing({ ...base(at), reason: 'accuracy contested' }, ctx(at));
const restrictionLifted: Step = (at) => liftRestriction({ ...base(at), reason: 'accuracy checked' }, ctx(at));
/** The step as it happened on `date`, wherever it stands in the list. */
const on =
  (date: string, step: Step): Step =>
  () =>
    step(date);
const contactFrom =
  (initiatedBy: 'subject' | 'company'): Step =>
  (at) =>
    recordContact({ ...base(at), channel: 'email', initiatedBy }, ctx(at));
const callRefused: Step = (at) =>
  recordCallAttempt({ ...base(at), callId: 'c-1', kind: 'canvassing', outcome: 'refused' }, ctx(at));
const cookies =
  (choices: Record<string, boolean>): Step =>
  (at) =>
    recordCookieChoices({ ...base(at), choices, bannerVersion: 'v3' }, ctx(at));

/** The step's event, recorded `days` after it occurred: a letter that arrives late. */
const arrivingLate =
  (step: Step, days: number): Step =>
  (at) => ({ ...step(at), recordedAt: new Date(Date.parse(at) + days * 86_400_000).toISOString() });

/** Steps happen one day apart from 2026-01-01 (or from `start`), in the order given. */
function recordOf(steps: Step[], start = '2026-01-01T10:00:00.000Z'): SubjectRecord | null {
  let record: SubjectRecord | null = null;
  steps.forEach((step, i) => {
    const at = new Date(Date.parse(start) + i * 86_400_000).toISOString();
    record = evolveSubjectRecord(record, step(at), { partition: 0, offset: String(i) });
  });
  return record;
}

const LATER = '2026-06-01T10:00:00.000Z';
const AFTER_PHONE_LAW = '2026-09-01T10:00:00.000Z';
const BEFORE_PHONE_LAW = '2026-08-10T10:00:00.000Z';
/** After the compliance review's corrections were adopted (29 November 2026). */
const AFTER_REVIEW = '2026-12-15T10:00:00.000Z';

interface Case {
  situation: string;
  steps: Step[];
  query: Omit<DecisionQuery, 'at'> & { at?: string };
  allowed: boolean;
  reason: ReasonCode;
  start?: string;
}

const cases: Case[] = [
  // Rule 1: electronic prospecting
  {
    situation: 'prospect, email, no consent → refused',
    steps: [registered('prospect')],
    query: { purpose: 'prospecting', channel: 'email' },
    allowed: false,
    reason: 'consent_missing',
  },
  {
    situation: 'prospect, email, consent given → allowed',
    steps: [registered('prospect'), consent('prospecting', ['email'])],
    query: { purpose: 'prospecting', channel: 'email' },
    allowed: true,
    reason: 'consent_given',
  },
  {
    situation: 'prospect, sms, consent for email only → refused',
    steps: [registered('prospect'), consent('prospecting', ['email'])],
    query: { purpose: 'prospecting', channel: 'sms' },
    allowed: false,
    reason: 'consent_missing',
  },
  {
    situation: 'prospect, email, consent then withdrawal → refused',
    steps: [
      registered('prospect'),
      consent('prospecting', ['email', 'sms']),
      withdrawal('prospecting', ['email']),
    ],
    query: { purpose: 'prospecting', channel: 'email' },
    allowed: false,
    reason: 'consent_withdrawn',
  },
  {
    situation: 'prospect, sms, withdrawal of email only → still allowed',
    steps: [
      registered('prospect'),
      consent('prospecting', ['email', 'sms']),
      withdrawal('prospecting', ['email']),
    ],
    query: { purpose: 'prospecting', channel: 'sms' },
    allowed: true,
    reason: 'consent_given',
  },
  {
    situation: 'prospect, email, withdrawal then new consent → allowed',
    steps: [
      registered('prospect'),
      consent('prospecting', ['email']),
      withdrawal('prospecting', ['email']),
      consent('prospecting', ['email']),
    ],
    query: { purpose: 'prospecting', channel: 'email' },
    allowed: true,
    reason: 'consent_given',
  },
  {
    situation: 'prospect, email, consent expired → refused',
    steps: [
      registered('prospect'),
      consent('prospecting', ['email'], { expiresAt: '2026-03-01T00:00:00.000Z' }),
    ],
    query: { purpose: 'prospecting', channel: 'email' },
    allowed: false,
    reason: 'consent_expired',
  },
  {
    situation: 'prospect, email, consent not yet expired → allowed',
    steps: [
      registered('prospect'),
      consent('prospecting', ['email'], { expiresAt: '2027-03-01T00:00:00.000Z' }),
    ],
    query: { purpose: 'prospecting', channel: 'email' },
    allowed: true,
    reason: 'consent_given',
  },
  {
    situation: 'prospect, email, consent then opposition → refused',
    steps: [registered('prospect'), consent('prospecting', ['email']), opposition('prospecting', ['email'])],
    query: { purpose: 'prospecting', channel: 'email' },
    allowed: false,
    reason: 'opposed',
  },
  {
    situation: 'prospect, email, opposition then later consent → allowed',
    steps: [registered('prospect'), opposition('prospecting', ['email']), consent('prospecting', ['email'])],
    query: { purpose: 'prospecting', channel: 'email' },
    allowed: true,
    reason: 'consent_given',
  },
  {
    situation: 'b2b contact, email, no consent → allowed (legal person)',
    steps: [registered('b2b_contact')],
    query: { purpose: 'prospecting', channel: 'email' },
    allowed: true,
    reason: 'b2b_exception',
  },
  {
    situation: 'b2b contact, sms, opposed → refused',
    steps: [registered('b2b_contact'), opposition('prospecting', ['sms'])],
    query: { purpose: 'prospecting', channel: 'sms' },
    allowed: false,
    reason: 'opposed',
  },
  {
    situation: 'member, analogous product, email, no opposition → allowed',
    steps: [registered('member')],
    query: { purpose: 'prospecting', channel: 'email' },
    allowed: true,
    reason: 'customer_soft_opt_in',
  },
  {
    situation: 'member, email, opposed → refused',
    steps: [registered('member'), opposition('prospecting', ['email'])],
    query: { purpose: 'prospecting', channel: 'email' },
    allowed: false,
    reason: 'opposed',
  },
  {
    situation: 'member, email, opposition lifted → allowed again',
    steps: [
      registered('member'),
      opposition('prospecting', ['email']),
      liftOpposition('prospecting', ['email']),
    ],
    query: { purpose: 'prospecting', channel: 'email' },
    allowed: true,
    reason: 'customer_soft_opt_in',
  },
  {
    situation: 'member, email, consent withdrawn → refused despite soft opt-in',
    steps: [registered('member'), consent('prospecting', ['email']), withdrawal('prospecting', ['email'])],
    query: { purpose: 'prospecting', channel: 'email' },
    allowed: false,
    reason: 'consent_withdrawn',
  },
  {
    situation: 'unknown subject, email → refused (no consent)',
    steps: [],
    query: { purpose: 'prospecting', channel: 'email' },
    allowed: false,
    reason: 'consent_missing',
  },
  // Rule 2: post
  {
    situation: 'prospect, post, nothing recorded → allowed unless opposed',
    steps: [registered('prospect')],
    query: { purpose: 'prospecting', channel: 'post' },
    allowed: true,
    reason: 'not_opposed',
  },
  {
    situation: 'prospect, post, opposed → refused',
    steps: [registered('prospect'), opposition('prospecting', ['post'])],
    query: { purpose: 'prospecting', channel: 'post' },
    allowed: false,
    reason: 'opposed',
  },
  {
    situation: 'unknown subject, post → allowed',
    steps: [],
    query: { purpose: 'prospecting', channel: 'post' },
    allowed: true,
    reason: 'not_opposed',
  },
  // Rule 3: telephone, before and after 2026-08-11
  {
    situation: 'prospect, phone, before the law, nothing → allowed unless opposed',
    steps: [registered('prospect')],
    query: { purpose: 'prospecting', channel: 'phone', at: BEFORE_PHONE_LAW },
    allowed: true,
    reason: 'not_opposed',
  },
  {
    situation: 'prospect, phone, before the law, opposed → refused',
    steps: [registered('prospect'), opposition('prospecting', ['phone'])],
    query: { purpose: 'prospecting', channel: 'phone', at: BEFORE_PHONE_LAW },
    allowed: false,
    reason: 'opposed',
  },
  {
    situation: 'prospect, phone, after the law, no consent → refused',
    steps: [registered('prospect')],
    query: { purpose: 'prospecting', channel: 'phone', at: AFTER_PHONE_LAW },
    allowed: false,
    reason: 'consent_missing',
  },
  {
    situation: 'prospect, phone, after the law, consent → allowed',
    steps: [registered('prospect'), consent('prospecting', ['phone'])],
    query: { purpose: 'prospecting', channel: 'phone', at: AFTER_PHONE_LAW },
    allowed: true,
    reason: 'consent_given',
  },
  {
    situation: 'member with a contract, phone, after the law → allowed (related products)',
    steps: [registered('member')],
    query: { purpose: 'prospecting', channel: 'phone', at: AFTER_PHONE_LAW },
    allowed: true,
    reason: 'contract_in_progress',
  },
  {
    situation: 'member with a contract, phone, after the law, opposed → refused',
    steps: [registered('member'), opposition('prospecting', ['phone'])],
    query: { purpose: 'prospecting', channel: 'phone', at: AFTER_PHONE_LAW },
    allowed: false,
    reason: 'opposed',
  },
  {
    situation: 'prospect, phone, at 2026-08-11 00:00 Paris → consent already required',
    steps: [registered('prospect')],
    query: { purpose: 'prospecting', channel: 'phone', at: '2026-08-10T22:00:00.000Z' },
    allowed: false,
    reason: 'consent_missing',
  },
  {
    situation: 'prospect, phone, before the law, refused during a call → no more canvassing',
    steps: [registered('prospect'), callRefused],
    query: { purpose: 'prospecting', channel: 'phone', at: BEFORE_PHONE_LAW },
    allowed: false,
    reason: 'refused_during_call',
  },
  {
    situation: 'member, phone, after the law, refused during a call → refused despite the contract',
    steps: [registered('member'), callRefused],
    query: { purpose: 'prospecting', channel: 'phone', at: AFTER_PHONE_LAW },
    allowed: false,
    reason: 'refused_during_call',
  },
  {
    situation: 'refused during a call, then consents again → allowed',
    steps: [registered('prospect'), callRefused, consent('prospecting', ['phone'])],
    query: { purpose: 'prospecting', channel: 'phone', at: AFTER_PHONE_LAW },
    allowed: true,
    reason: 'consent_given',
  },
  {
    situation: 'refused a canvassing call: email prospecting unaffected',
    steps: [registered('member'), callRefused],
    query: { purpose: 'prospecting', channel: 'email', at: AFTER_PHONE_LAW },
    allowed: true,
    reason: 'customer_soft_opt_in',
  },
  // Rule 4: partner transfers
  {
    situation: 'prospect, transfer to MG Services by email, no consent → refused',
    steps: [registered('prospect')],
    query: { purpose: 'partner_transfer', channel: 'email', partner: 'mg-services' },
    allowed: false,
    reason: 'consent_missing',
  },
  {
    situation: 'prospect, transfer to MG Services by email, consented → allowed',
    steps: [registered('prospect'), consent('partner_transfer', ['email'], { partner: 'mg-services' })],
    query: { purpose: 'partner_transfer', channel: 'email', partner: 'mg-services' },
    allowed: true,
    reason: 'consent_given',
  },
  {
    situation: 'consent to MG Services does not cover LMG Assurances',
    steps: [registered('prospect'), consent('partner_transfer', ['email'], { partner: 'mg-services' })],
    query: { purpose: 'partner_transfer', channel: 'email', partner: 'lmg-assurances' },
    allowed: false,
    reason: 'consent_missing',
  },
  {
    situation: 'member, transfer by email, no consent → refused (no soft opt-in for transfers)',
    steps: [registered('member')],
    query: { purpose: 'partner_transfer', channel: 'email', partner: 'mg-services' },
    allowed: false,
    reason: 'consent_missing',
  },
  {
    situation: 'b2b contact, transfer by sms → allowed',
    steps: [registered('b2b_contact')],
    query: { purpose: 'partner_transfer', channel: 'sms', partner: 'flex-conseil-et-services' },
    allowed: true,
    reason: 'b2b_exception',
  },
  {
    situation: 'prospect, transfer for post → allowed unless opposed',
    steps: [registered('prospect')],
    query: { purpose: 'partner_transfer', channel: 'post', partner: 'mg-services' },
    allowed: true,
    reason: 'not_opposed',
  },
  {
    situation: 'prospect, transfer for phone, opposed for that partner → refused',
    steps: [registered('prospect'), opposition('partner_transfer', ['phone'], { partner: 'mg-services' })],
    query: { purpose: 'partner_transfer', channel: 'phone', partner: 'mg-services' },
    allowed: false,
    reason: 'opposed',
  },
  // Rules 5 and 6: call recording
  {
    situation: 'quality recording, no objection → allowed',
    steps: [registered('member')],
    query: { purpose: 'call_recording_quality', channel: 'phone' },
    allowed: true,
    reason: 'not_opposed',
  },
  {
    situation: 'quality recording, objected → refused',
    steps: [registered('member'), opposition('call_recording_quality', ['phone'])],
    query: { purpose: 'call_recording_quality', channel: 'phone' },
    allowed: false,
    reason: 'opposed',
  },
  {
    situation: 'canvassing recording, prospect, no objection → allowed',
    steps: [registered('prospect')],
    query: { purpose: 'call_recording_canvassing', channel: 'phone' },
    allowed: true,
    reason: 'not_opposed',
  },
  {
    situation: 'canvassing recording, objected → refused',
    steps: [registered('prospect'), opposition('call_recording_canvassing', ['phone'])],
    query: { purpose: 'call_recording_canvassing', channel: 'phone' },
    allowed: false,
    reason: 'opposed',
  },
  // Rule 7: profiling
  {
    situation: 'profiling, no opposition → allowed',
    steps: [registered('member')],
    query: { purpose: 'profiling', channel: 'email' },
    allowed: true,
    reason: 'not_opposed',
  },
  {
    situation: 'profiling, opposed → refused',
    steps: [registered('member'), opposition('profiling', ['email'])],
    query: { purpose: 'profiling', channel: 'email' },
    allowed: false,
    reason: 'opposed',
  },
  // Rule 8: cookies
  {
    situation: 'necessary cookies, no choice → allowed',
    steps: [],
    query: { purpose: 'cookies_necessary', channel: 'web' },
    allowed: true,
    reason: 'necessary_cookie',
  },
  {
    situation: 'audience cookies, no choice → refused',
    steps: [registered('prospect')],
    query: { purpose: 'cookies_audience', channel: 'web' },
    allowed: false,
    reason: 'consent_missing',
  },
  {
    situation: 'audience cookies, accepted → allowed',
    steps: [cookies({ audience: true })],
    query: { purpose: 'cookies_audience', channel: 'web' },
    allowed: true,
    reason: 'consent_given',
  },
  {
    situation: 'advertising cookies, category left out of the answer → refused',
    steps: [cookies({ audience: true })],
    query: { purpose: 'cookies_advertising', channel: 'web' },
    allowed: false,
    reason: 'consent_missing',
  },
  {
    situation: 'audience cookies, accepted then refused → refused',
    steps: [cookies({ audience: true }), cookies({ audience: false })],
    query: { purpose: 'cookies_audience', channel: 'web' },
    allowed: false,
    reason: 'consent_withdrawn',
  },
  {
    situation: 'audience cookies, accepted 14 months ago → expired',
    steps: [cookies({ audience: true })],
    start: '2025-01-01T10:00:00.000Z',
    query: { purpose: 'cookies_audience', channel: 'web', at: '2026-03-02T10:00:00.000Z' },
    allowed: false,
    reason: 'consent_expired',
  },
  {
    situation: 'audience cookies, accepted 12 months ago → still valid',
    steps: [cookies({ audience: true })],
    start: '2025-03-01T10:00:00.000Z',
    query: { purpose: 'cookies_audience', channel: 'web', at: '2026-03-01T09:00:00.000Z' },
    allowed: true,
    reason: 'consent_given',
  },
  // Finding 7: "13 months after" clamps to the last day of the month (31 Jan + 13 = 28 Feb)
  {
    situation: 'audience cookies, accepted 31 Jan 2025 → lapsed at the end of 28 Feb 2026, not on 3 March',
    steps: [cookies({ audience: true })],
    start: '2025-01-31T10:00:00.000Z',
    query: { purpose: 'cookies_audience', channel: 'web', at: '2026-02-28T10:00:00.000Z' },
    allowed: false,
    reason: 'consent_expired',
  },
  {
    situation: 'audience cookies, accepted 31 Jan 2025 → still valid an hour before the clamped end',
    steps: [cookies({ audience: true })],
    start: '2025-01-31T10:00:00.000Z',
    query: { purpose: 'cookies_audience', channel: 'web', at: '2026-02-28T09:00:00.000Z' },
    allowed: true,
    reason: 'consent_given',
  },
  {
    situation: 'audience cookies, accepted 31 Jan 2027 → valid until 29 Feb 2028 (leap year)',
    steps: [cookies({ audience: true })],
    start: '2027-01-31T10:00:00.000Z',
    query: { purpose: 'cookies_audience', channel: 'web', at: '2028-02-29T09:00:00.000Z' },
    allowed: true,
    reason: 'consent_given',
  },
  // Rule 9: not based on consent
  {
    situation: 'contract management, opposed → still allowed, not consent-based',
    steps: [registered('member'), opposition('contract_management', ['post'])],
    query: { purpose: 'contract_management', channel: 'post' },
    allowed: true,
    reason: 'not_consent_based',
  },
  {
    situation: 'fraud detection → allowed, not consent-based',
    steps: [],
    query: { purpose: 'fraud_detection', channel: 'email' },
    allowed: true,
    reason: 'not_consent_based',
  },
  {
    situation: 'legal obligation, phone → allowed',
    steps: [registered('prospect')],
    query: { purpose: 'legal_obligation', channel: 'phone' },
    allowed: true,
    reason: 'not_consent_based',
  },
  // Rule 10: effective from recording; "as of" answers
  {
    situation: 'as of before the consent → refused',
    steps: [registered('prospect'), consent('prospecting', ['email'])],
    query: { purpose: 'prospecting', channel: 'email', at: '2026-01-01T12:00:00.000Z' },
    allowed: false,
    reason: 'consent_missing',
  },
  {
    situation: 'as of between consent and withdrawal → allowed',
    steps: [registered('prospect'), consent('prospecting', ['email']), withdrawal('prospecting', ['email'])],
    query: { purpose: 'prospecting', channel: 'email', at: '2026-01-02T12:00:00.000Z' },
    allowed: true,
    reason: 'consent_given',
  },
  // Finding 9: as of an instant, what the ledger knew then
  {
    situation:
      'as of a day after a withdrawal letter was dated but before it arrived → the answer given then',
    steps: [
      registered('prospect'),
      consent('prospecting', ['email']),
      arrivingLate(withdrawal('prospecting', ['email']), 5),
    ],
    query: { purpose: 'prospecting', channel: 'email', at: '2026-01-05T12:00:00.000Z' },
    allowed: true,
    reason: 'consent_given',
  },
  {
    situation: 'as of after the late letter was recorded → withdrawn, from the letter’s date',
    steps: [
      registered('prospect'),
      consent('prospecting', ['email']),
      arrivingLate(withdrawal('prospecting', ['email']), 5),
    ],
    query: { purpose: 'prospecting', channel: 'email', at: '2026-01-08T12:00:00.000Z' },
    allowed: false,
    reason: 'consent_withdrawn',
  },
  // Finding 5: the 2026-08-11 opt-in protects consumers; a professional stays under opposition
  {
    situation: 'b2b contact, phone prospecting after the switch (as corrected) → allowed unless opposed',
    steps: [registered('b2b_contact')],
    query: { purpose: 'prospecting', channel: 'phone', at: AFTER_REVIEW },
    allowed: true,
    reason: 'b2b_exception',
  },
  {
    situation: 'b2b contact who objected, phone prospecting after the switch → opposed',
    steps: [registered('b2b_contact'), opposition('prospecting', ['phone'])],
    query: { purpose: 'prospecting', channel: 'phone', at: AFTER_REVIEW },
    allowed: false,
    reason: 'opposed',
  },
  {
    situation: 'b2b contact, phone prospecting as of September 2026 → the rules known then (consent)',
    steps: [registered('b2b_contact')],
    query: { purpose: 'prospecting', channel: 'phone', at: AFTER_PHONE_LAW },
    allowed: false,
    reason: 'consent_missing',
  },
  // Finding 4: partner transfers for telephone prospecting, and subjects never seen
  {
    situation: 'prospect, phone transfer to a partner after the switch (as corrected), no consent → refused',
    steps: [registered('prospect')],
    query: { purpose: 'partner_transfer', channel: 'phone', partner: 'mg-services', at: AFTER_REVIEW },
    allowed: false,
    reason: 'consent_missing',
  },
  {
    situation: 'prospect, phone transfer with consent to that partner after the switch → allowed',
    steps: [registered('prospect'), consent('partner_transfer', ['phone'], { partner: 'mg-services' })],
    query: { purpose: 'partner_transfer', channel: 'phone', partner: 'mg-services', at: AFTER_REVIEW },
    allowed: true,
    reason: 'consent_given',
  },
  {
    situation: 'b2b contact, phone transfer after the switch → allowed unless opposed',
    steps: [registered('b2b_contact')],
    query: { purpose: 'partner_transfer', channel: 'phone', partner: 'mg-services', at: AFTER_REVIEW },
    allowed: true,
    reason: 'b2b_exception',
  },
  {
    situation: 'prospect, phone transfer before the switch → allowed unless opposed',
    steps: [registered('prospect')],
    query: { purpose: 'partner_transfer', channel: 'phone', partner: 'mg-services', at: BEFORE_PHONE_LAW },
    allowed: true,
    reason: 'not_opposed',
  },
  {
    situation: 'subject never seen, postal transfer after the review → subject_unknown',
    steps: [],
    query: { purpose: 'partner_transfer', channel: 'post', partner: 'lmg-assurances', at: AFTER_REVIEW },
    allowed: false,
    reason: 'subject_unknown',
  },
  {
    situation: 'subject never seen, email prospecting after the review → the regime’s default',
    steps: [],
    query: { purpose: 'prospecting', channel: 'email', at: AFTER_REVIEW },
    allowed: false,
    reason: 'consent_missing',
  },
  // Finding 3: an objection to prospecting does not stay in its box (GDPR art. 21(2)-(3))
  {
    situation: 'objection to postal prospecting → postal transfer to any partner refused (after the review)',
    steps: [registered('prospect'), opposition('prospecting', ['post'])],
    query: { purpose: 'partner_transfer', channel: 'post', partner: 'lmg-assurances', at: AFTER_REVIEW },
    allowed: false,
    reason: 'opposed',
  },
  {
    situation: 'objection to postal prospecting → postal transfer as of June 2026 → the rules known then',
    steps: [registered('prospect'), opposition('prospecting', ['post'])],
    query: { purpose: 'partner_transfer', channel: 'post', partner: 'lmg-assurances' },
    allowed: true,
    reason: 'not_opposed',
  },
  {
    situation: 'objection to prospecting on email → postal transfer still allowed (another channel)',
    steps: [registered('prospect'), opposition('prospecting', ['email'])],
    query: { purpose: 'partner_transfer', channel: 'post', partner: 'mg-services', at: AFTER_REVIEW },
    allowed: true,
    reason: 'not_opposed',
  },
  {
    situation: 'objection to prospecting naming no channel → refused on every channel, sms included',
    steps: [registered('prospect'), consent('prospecting', ['sms']), blanketOpposition('prospecting')],
    query: { purpose: 'prospecting', channel: 'sms', at: AFTER_REVIEW },
    allowed: false,
    reason: 'opposed',
  },
  {
    situation: 'objection to profiling by email → profiling refused whatever channel is asked',
    steps: [registered('member'), opposition('profiling', ['email'])],
    query: { purpose: 'profiling', channel: 'phone', at: AFTER_REVIEW },
    allowed: false,
    reason: 'opposed',
  },
  {
    situation: 'objection to transfers naming no partner → every partner refused',
    steps: [registered('b2b_contact'), blanketOpposition('partner_transfer')],
    query: {
      purpose: 'partner_transfer',
      channel: 'email',
      partner: 'flex-conseil-et-services',
      at: AFTER_REVIEW,
    },
    allowed: false,
    reason: 'opposed',
  },
  {
    situation: 'objection to every partner, then one to a single partner lifted → still refused',
    steps: [
      registered('b2b_contact'),
      blanketOpposition('partner_transfer'),
      opposition('partner_transfer', ['post'], { partner: 'mg-services' }),
      liftOpposition('partner_transfer', ['post'], 'mg-services'),
    ],
    query: { purpose: 'partner_transfer', channel: 'post', partner: 'mg-services', at: AFTER_REVIEW },
    allowed: false,
    reason: 'opposed',
  },
  // Finding 2: soft opt-in and "contrat en cours" hold only while a relationship is active
  {
    situation: 'member with a contract in progress, email prospecting after the review → soft opt-in',
    steps: [registered('member'), relationship('C-1')],
    query: { purpose: 'prospecting', channel: 'email', at: AFTER_REVIEW },
    allowed: true,
    reason: 'customer_soft_opt_in',
  },
  {
    situation: 'member with no relationship recorded, email prospecting after the review → a prospect',
    steps: [registered('member')],
    query: { purpose: 'prospecting', channel: 'email', at: AFTER_REVIEW },
    allowed: false,
    reason: 'consent_missing',
  },
  {
    situation: 'former member (contract ended), email prospecting after the review → a prospect',
    steps: [registered('member'), relationship('C-1'), relationshipEnded('C-1')],
    query: { purpose: 'prospecting', channel: 'email', at: AFTER_REVIEW },
    allowed: false,
    reason: 'consent_missing',
  },
  {
    situation: 'member with one contract ended and another in progress → still soft opt-in',
    steps: [registered('member'), relationship('C-1'), relationship('C-2'), relationshipEnded('C-1')],
    query: { purpose: 'prospecting', channel: 'sms', at: AFTER_REVIEW },
    allowed: true,
    reason: 'customer_soft_opt_in',
  },
  {
    situation:
      'member with a contract in progress, phone prospecting after the review → contract_in_progress',
    steps: [registered('member'), relationship('C-1')],
    query: { purpose: 'prospecting', channel: 'phone', at: AFTER_REVIEW },
    allowed: true,
    reason: 'contract_in_progress',
  },
  {
    situation: 'member with no relationship, email prospecting as of June 2026 → the rules known then',
    steps: [registered('member')],
    query: { purpose: 'prospecting', channel: 'email' },
    allowed: true,
    reason: 'customer_soft_opt_in',
  },
  // Issue 14: a restriction of processing (GDPR art. 18) holds consent and legitimate-interest purposes
  {
    situation: 'restricted, email prospecting with consent → restricted',
    steps: [registered('prospect'), consent('prospecting', ['email']), restricted],
    query: { purpose: 'prospecting', channel: 'email' },
    allowed: false,
    reason: 'restricted',
  },
  {
    situation: 'restricted, profiling (legitimate interest) → restricted',
    steps: [registered('member'), restricted],
    query: { purpose: 'profiling', channel: 'email' },
    allowed: false,
    reason: 'restricted',
  },
  {
    situation: 'restricted, contract management → still allowed (contract)',
    steps: [registered('member'), restricted],
    query: { purpose: 'contract_management', channel: 'post' },
    allowed: true,
    reason: 'not_consent_based',
  },
  {
    situation: 'restriction lifted → the consent decides again',
    steps: [registered('prospect'), consent('prospecting', ['email']), restricted, restrictionLifted],
    query: { purpose: 'prospecting', channel: 'email' },
    allowed: true,
    reason: 'consent_given',
  },
  // Issue 14: prospects are kept 3 years after their last own contact, then expired at decision time
  {
    situation: 'prospect whose last own contact was 3 years and 1 day ago → subject_expired',
    steps: [
      on('2023-11-01T10:00:00.000Z', registered('prospect')),
      on('2023-12-14T10:00:00.000Z', contactFrom('subject')),
    ],
    query: { purpose: 'prospecting', channel: 'email', at: AFTER_REVIEW },
    allowed: false,
    reason: 'subject_expired',
  },
  {
    situation: 'prospect who gave consent 2 years ago → not expired',
    steps: [
      on('2023-11-01T10:00:00.000Z', registered('prospect')),
      on('2024-12-15T10:00:00.000Z', consent('prospecting', ['email'])),
    ],
    query: { purpose: 'prospecting', channel: 'email', at: AFTER_REVIEW },
    allowed: true,
    reason: 'consent_given',
  },
  {
    situation: 'a contact the company initiated does not restart a prospect’s 3 years',
    steps: [
      on('2023-11-01T10:00:00.000Z', registered('prospect')),
      on('2023-12-01T10:00:00.000Z', contactFrom('subject')),
      on('2026-06-01T10:00:00.000Z', contactFrom('company')),
    ],
    query: { purpose: 'prospecting', channel: 'email', at: AFTER_REVIEW },
    allowed: false,
    reason: 'subject_expired',
  },
  {
    situation:
      'an expired prospect is still refused only what is consent-based: postal prospecting is by opposition',
    steps: [on('2023-11-01T10:00:00.000Z', registered('prospect'))],
    query: { purpose: 'prospecting', channel: 'post', at: AFTER_REVIEW },
    allowed: true,
    reason: 'not_opposed',
  },
  {
    situation: 'a member is not a prospect: no expiry',
    steps: [
      on('2023-11-01T10:00:00.000Z', registered('member')),
      on('2023-11-02T10:00:00.000Z', relationship('C-1')),
    ],
    query: { purpose: 'prospecting', channel: 'email', at: AFTER_REVIEW },
    allowed: true,
    reason: 'customer_soft_opt_in',
  },
];

describe('default policy decisions', () => {
  it('has at least 40 named cases', () => expect(cases.length).toBeGreaterThanOrEqual(40));

  it.each(cases.map((c) => [c.situation, c] as const))('%s', (_situation, c) => {
    const decision = decide(DEFAULT_POLICY, recordOf(c.steps, c.start), { at: LATER, ...c.query });
    expect({ allowed: decision.allowed, reason: decision.reason }).toEqual({
      allowed: c.allowed,
      reason: c.reason,
    });
  });

  it('names the events it relied on, the legal basis and the policy version', () => {
    const record = recordOf([registered('prospect'), consent('prospecting', ['email'])]);
    const decision = decide(DEFAULT_POLICY, record, { purpose: 'prospecting', channel: 'email', at: LATER });
    expect(decision).toEqual({
      allowed: true,
      reason: 'consent_given',
      legalBasis: 'consent',
      evidence: [record!.retained[1].id],
      policy: { id: 'lmg-privacy-policy', version: '2018-05-25' },
    });
    expect(
      decide(DEFAULT_POLICY, record, { purpose: 'prospecting', channel: 'phone', at: AFTER_PHONE_LAW }).policy
        .version,
    ).toBe('2026-08-11');
  });

  it('names the relationship a soft opt-in relied on', () => {
    const record = recordOf([registered('member'), relationship('C-9')]);
    expect(
      decide(DEFAULT_POLICY, record, { purpose: 'prospecting', channel: 'email', at: AFTER_REVIEW }),
    ).toMatchObject({ allowed: true, reason: 'customer_soft_opt_in', evidence: [record!.retained[1].id] });
  });

  it('says when an opposition exists but does not block', () => {
    const record = recordOf([opposition('fraud_detection', ['email'])]);
    expect(
      decide(DEFAULT_POLICY, record, { purpose: 'fraud_detection', channel: 'email', at: LATER }),
    ).toMatchObject({
      allowed: true,
      oppositionRecorded: true,
    });
  });

  it('applies a redelivered event once', () => {
    const event = consent('prospecting', ['email'])('2026-01-01T10:00:00.000Z');
    const once = evolveSubjectRecord(null, event, { partition: 0, offset: '0' });
    expect(evolveSubjectRecord(once, event, { partition: 0, offset: '7' })).toBe(once);
  });
});

describe('clocks cannot reorder choices', () => {
  const ask: DecisionQuery = { purpose: 'prospecting', channel: 'email', at: LATER };
  const at = (_iso: string, offset: number, event: LedgerEvent) => ({
    event,
    position: { partition: 0, offset: String(offset) },
  });
  const fold = (entries: Array<{ event: LedgerEvent; position: { partition: number; offset: string } }>) =>
    entries.reduce<SubjectRecord | null>(
      (record, e) => evolveSubjectRecord(record, e.event, e.position),
      null,
    );
  const T = '2026-03-01T10:00:00.000Z';
  const plus = (ms: number) => new Date(Date.parse(T) + ms).toISOString();
  const skewed = { eventId: 'fast', now: T, maxFutureSkewMs: 60_000 };

  it('a consent stamped ahead by a fast client clock takes effect when recorded: a later withdrawal wins', () => {
    const fastConsent = giveConsent(
      { ...base(plus(30_000)), purpose: 'prospecting', channels: ['email'] },
      skewed,
    );
    const laterWithdrawal = withdrawConsent(
      { ...base(plus(5_000)), purpose: 'prospecting', channels: ['email'] },
      ctx(plus(5_000)),
    );
    const record = fold([at(T, 0, fastConsent), at(T, 1, laterWithdrawal)]);
    expect(decide(DEFAULT_POLICY, record, ask)).toMatchObject({
      allowed: false,
      reason: 'consent_withdrawn',
    });
    // Even asked about the instant the consent claimed:
    expect(decide(DEFAULT_POLICY, record, { ...ask, at: plus(40_000) })).toMatchObject({ allowed: false });
  });

  it('a back-dated letter counts from its date among the choices, once the ledger has recorded it', () => {
    // A consent by web form on 22 February, then a withdrawal by a letter dated 20 February that
    // arrives on 1 March: the consent came later, so it stands.
    const webConsent = giveConsent(
      { ...base('2026-02-22T09:00:00.000Z'), purpose: 'prospecting', channels: ['email'] },
      ctx('2026-02-22T09:00:00.000Z'),
    );
    const letter = withdrawConsent(
      { ...base('2026-02-20T09:00:00.000Z'), purpose: 'prospecting', channels: ['email'] },
      ctx(T),
    );
    const record = fold([at(T, 0, webConsent), at(T, 1, letter)]);
    expect(decide(DEFAULT_POLICY, record, ask)).toMatchObject({ allowed: true, reason: 'consent_given' });
  });

  it('as of an instant, what the ledger knew then: a letter recorded later does not change an earlier answer', () => {
    const consentGiven = giveConsent(
      { ...base('2026-02-10T09:00:00.000Z'), purpose: 'prospecting', channels: ['email'] },
      ctx('2026-02-10T09:00:00.000Z'),
    );
    const letter = withdrawConsent(
      { ...base('2026-02-20T09:00:00.000Z'), purpose: 'prospecting', channels: ['email'] },
      ctx(T),
    );
    const record = fold([at(T, 0, consentGiven), at(T, 1, letter)]);
    // On 25 February the ledger had only the consent: that answer is reproduced exactly.
    expect(decide(DEFAULT_POLICY, record, { ...ask, at: '2026-02-25T00:00:00.000Z' })).toMatchObject({
      allowed: true,
      reason: 'consent_given',
      evidence: [consentGiven.id],
    });
    // From its recording on, the letter counts, from its own date.
    expect(decide(DEFAULT_POLICY, record, { ...ask, at: T })).toMatchObject({
      allowed: false,
      reason: 'consent_withdrawn',
      evidence: [letter.id],
    });
  });

  it('at the same instant the restrictive choice wins, whatever the log order', () => {
    const withdrawnFirst = withdrawConsent(
      { ...base(T), purpose: 'prospecting', channels: ['email'] },
      ctx(T),
    );
    const consentSame = giveConsent({ ...base(T), purpose: 'prospecting', channels: ['email'] }, ctx(T));
    expect(
      decide(DEFAULT_POLICY, fold([at(T, 0, withdrawnFirst), at(T, 1, consentSame)]), ask),
    ).toMatchObject({
      allowed: false,
    });
    const opposed = registerOpposition({ ...base(T), purpose: 'prospecting', channels: ['post'] }, ctx(T));
    const consentPost = giveConsent({ ...base(T), purpose: 'prospecting', channels: ['post'] }, ctx(T));
    expect(
      decide(DEFAULT_POLICY, fold([at(T, 0, opposed), at(T, 1, consentPost)]), { ...ask, channel: 'post' }),
    ).toMatchObject({ allowed: false, reason: 'opposed' });
  });

  it('refuses an occurredAt further ahead than the allowed skew', () => {
    expect(() =>
      giveConsent({ ...base(plus(61_000)), purpose: 'prospecting', channels: ['email'] }, skewed),
    ).toThrow(
      expect.objectContaining({
        details: {
          errors: [
            { field: 'occurredAt', problems: ['occurredAt must not be more than 60 s in the future'] },
          ],
        },
      }),
    );
  });
});

describe('rules carried by the policy data', () => {
  it('lets a refusal during a call oppose only where the rule says so (telephone canvassing)', () => {
    const record = recordOf([registered('prospect'), callRefused]);
    const ask = { purpose: 'prospecting' as const, channel: 'phone' as const, at: BEFORE_PHONE_LAW };
    expect(decide(DEFAULT_POLICY, record, ask)).toMatchObject({
      allowed: false,
      reason: 'refused_during_call',
    });
    // The same policy without the flag on its phone rule: the refusal is only a call outcome.
    const withoutFlag = {
      ...DEFAULT_POLICY,
      versions: DEFAULT_POLICY.versions.map((version) => ({
        ...version,
        rules: {
          ...version.rules,
          prospecting: {
            ...version.rules.prospecting,
            phone: { ...version.rules.prospecting!.phone!, callRefusalOpposes: false },
          },
        },
      })),
    };
    expect(decide(withoutFlag, record, ask)).toMatchObject({ allowed: true });
  });

  it.each([
    ['2026-08-31T10:00:00.000Z', 6, '2027-02-28T10:00:00.000Z'],
    ['2027-08-31T10:00:00.000Z', 6, '2028-02-29T10:00:00.000Z'],
    ['2026-01-31T10:00:00.000Z', 1, '2026-02-28T10:00:00.000Z'],
    ['2028-02-29T10:00:00.000Z', 12, '2029-02-28T10:00:00.000Z'],
    ['2026-03-31T23:30:00.000Z', 1, '2026-04-30T23:30:00.000Z'],
    ['2026-12-31T10:00:00.000Z', 2, '2027-02-28T10:00:00.000Z'],
    ['2026-05-15T10:00:00.000Z', 24, '2028-05-15T10:00:00.000Z'],
  ])('%s plus %i months is %s (the month end clamps)', (from, months, expected) => {
    expect(addMonths(from, months)).toBe(expected);
  });

  it('dates the destruction of call material from the retention of the version in force', () => {
    expect(recordingDestroyBy(DEFAULT_POLICY, '2026-01-31T10:00:00.000Z')).toEqual({
      qualityRecording: '2026-07-31T10:00:00.000Z',
      analysisGrid: '2027-01-31T10:00:00.000Z',
      canvassingRecording: '2028-01-31T10:00:00.000Z',
    });
    // A call on 31 August: 6 months end on the last day of February.
    expect(recordingDestroyBy(DEFAULT_POLICY, '2026-08-31T10:00:00.000Z')).toEqual({
      qualityRecording: '2027-02-28T10:00:00.000Z',
      analysisGrid: '2027-08-31T10:00:00.000Z',
      canvassingRecording: '2028-08-31T10:00:00.000Z',
    });
  });
});
