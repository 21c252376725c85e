import { CALL_ATTEMPT_RECORDED } from '../calls/call-attempt-recorded';
import { CALL_STARTED, RECORDING_OBJECTED } from '../calls/call-recordings';
import {
  CONSENT_GIVEN,
  CONSENT_WITHDRAWN,
  OPPOSITION_REGISTERED,
  OPPOSITION_WITHDRAWN,
  type ConsentGivenData,
} from '../consents/consent-events';
import { CONTACT_RECORDED } from '../contacts/contact-recorded';
import { COOKIE_CHOICES_RECORDED, COOKIE_CONSENT_LAPSED } from '../cookies/cookie-choices-recorded';
import type { LedgerEvent } from '../events/ledger-event';
import { PARTNER_TRANSFER_RECORDED } from '../partner-transfers/partner-transfer-recorded';
import { PREFERENCES_SET } from '../preferences/preferences-set';
import {
  CUSTOMER_RELATIONSHIP_ENDED,
  CUSTOMER_RELATIONSHIP_ESTABLISHED,
} from '../relationships/customer-relationship';
import { POST_MORTEM_DIRECTIVES_RECORDED } from '../rights/post-mortem-directives';
import { PROCESSING_RESTRICTED, RESTRICTION_LIFTED } from '../rights/processing-restriction';
import {
  RIGHTS_REQUEST_COMPLETED,
  RIGHTS_REQUEST_EXTENDED,
  RIGHTS_REQUEST_RECEIVED,
  RIGHTS_REQUEST_REFUSED,
} from '../rights/rights-request';
import {
  SUBJECT_ERASED,
  SUBJECT_EXPIRED,
  type SubjectErased,
  type SubjectExpired,
} from '../rights/subject-erased';
import { identifierKeys, SUBJECT_REGISTERED, type SubjectRegistered } from '../subjects/subject-registered';

/**
 * Whether an event, once applied, can turn an answer `allowed` into a refusal (a decision, a
 * call start, a transfer selection). Only those are dangerous when not yet visible: a consent
 * not visible yet makes a decision refuse, which is safe. A function refines by the event's data.
 */
type Restrictiveness = boolean | ((event: LedgerEvent) => boolean);

/** Every event type the ledger records; `restrictive-events.spec.ts` checks the `false` ones. */
export const RESTRICTIVENESS: Readonly<Record<string, Restrictiveness>> = {
  [CONSENT_WITHDRAWN]: true,
  [OPPOSITION_REGISTERED]: true,
  [SUBJECT_ERASED]: true,
  [SUBJECT_EXPIRED]: true,
  [PROCESSING_RESTRICTED]: true,
  [CUSTOMER_RELATIONSHIP_ENDED]: true,
  // Any banner choice may refuse a category accepted before.
  [COOKIE_CHOICES_RECORDED]: true,
  [RECORDING_OBJECTED]: true,
  // A canvassing refusal opposes prospecting by phone; every canvassing attempt counts towards D.223-9's limit.
  [CALL_ATTEMPT_RECORDED]: true,
  [CALL_STARTED]: true,
  // A kind changed (b2b_contact to prospect), an identifier linked (a lookup finds the person), oppositions inherited.
  [SUBJECT_REGISTERED]: true,
  // A consent with an end may end sooner than the one it replaces (or have ended already, back-dated).
  [CONSENT_GIVEN]: (event) => (event.data as ConsentGivenData).expiresAt !== undefined,
  [OPPOSITION_WITHDRAWN]: false,
  [RESTRICTION_LIFTED]: false,
  [CUSTOMER_RELATIONSHIP_ESTABLISHED]: false,
  [PREFERENCES_SET]: false,
  [CONTACT_RECORDED]: false,
  [COOKIE_CONSENT_LAPSED]: false,
  [PARTNER_TRANSFER_RECORDED]: false,
  [POST_MORTEM_DIRECTIVES_RECORDED]: false,
  [RIGHTS_REQUEST_RECEIVED]: false,
  [RIGHTS_REQUEST_EXTENDED]: false,
  [RIGHTS_REQUEST_COMPLETED]: false,
  [RIGHTS_REQUEST_REFUSED]: false,
};

/** Whether this event can refuse what was allowed; an event type not declared counts as one (fail closed). */
export function isRestrictive(event: LedgerEvent): boolean {
  const declared = Object.hasOwn(RESTRICTIVENESS, event.type) ? RESTRICTIVENESS[event.type] : true;
  return typeof declared === 'function' ? declared(event) : declared;
}

/** The mark key that makes reads about a subject wait for its restrictive writes. */
export const subjectMarkKey = (subjectId: string): string => `s:${subjectId}`;

/** The mark key that makes lookups by an identifier (`email:<keyed hash>`) wait for a link to it. */
export const identifierMarkKey = (identifier: string): string => `i:${identifier}`;

/**
 * What a restrictive event must hold back until it is applied: reads about its subject, and
 * lookups by the identifiers it links (a registration) or takes out of the index (an erasure),
 * since a lookup that finds nobody gets the regime's default.
 */
export function markKeysOf(event: LedgerEvent): string[] {
  if (!isRestrictive(event)) return [];
  const identifiers =
    event.type === SUBJECT_REGISTERED
      ? identifierKeys(
          (event as SubjectRegistered).data.identifierKeys ?? (event as SubjectRegistered).data.identifiers,
        )
      : event.type === SUBJECT_ERASED || event.type === SUBJECT_EXPIRED
        ? (event as SubjectErased | SubjectExpired).data.suppression.identifierKeys
        : [];
  return [subjectMarkKey(event.subjectId), ...identifiers.map(identifierMarkKey)];
}
