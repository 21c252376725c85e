import {
  CALL_ATTEMPT_RECORDED,
  CALL_STARTED,
  PROCESSING_RESTRICTED,
  RECORDING_OBJECTED,
  RESTRICTION_LIFTED,
  RIGHTS_REQUEST_COMPLETED,
  RIGHTS_REQUEST_EXTENDED,
  RIGHTS_REQUEST_RECEIVED,
  RIGHTS_REQUEST_REFUSED,
  CONSENT_GIVEN,
  CONSENT_WITHDRAWN,
  CONTACT_RECORDED,
  CUSTOMER_RELATIONSHIP_ENDED,
  CUSTOMER_RELATIONSHIP_ESTABLISHED,
  COOKIE_CHOICES_RECORDED,
  OPPOSITION_REGISTERED,
  OPPOSITION_WITHDRAWN,
  PARTNER_TRANSFER_RECORDED,
  PREFERENCES_SET,
  SUBJECT_REGISTERED,
  SUBJECT_ERASED,
  SUBJECT_EXPIRED,
  COOKIE_CONSENT_LAPSED,
  POST_MORTEM_DIRECTIVES_RECORDED,
} from '@ledger/domain';

const CLOUDEVENT_TYPE_PREFIX = 'eu.consent-ledger.';

/**
 * Domain event name → CloudEvents `type` stem, and the schema versions this build reads. Maps,
 * not object literals: a wire name such as `constructor` or `__proto__` must find nothing.
 */
const EVENT_TYPES = new Map<string, { wire: string; versions: readonly number[] }>([
  [SUBJECT_REGISTERED, { wire: 'subject-registered', versions: [1, 2, 3] }],
  [SUBJECT_ERASED, { wire: 'subject-erased', versions: [1] }],
  [SUBJECT_EXPIRED, { wire: 'subject-expired', versions: [1] }],
  [COOKIE_CONSENT_LAPSED, { wire: 'cookie-consent-lapsed', versions: [1] }],
  [POST_MORTEM_DIRECTIVES_RECORDED, { wire: 'post-mortem-directives-recorded', versions: [1] }],
  [CONSENT_GIVEN, { wire: 'consent-given', versions: [1] }],
  [CONSENT_WITHDRAWN, { wire: 'consent-withdrawn', versions: [1] }],
  [OPPOSITION_REGISTERED, { wire: 'opposition-registered', versions: [1, 2] }],
  [OPPOSITION_WITHDRAWN, { wire: 'opposition-withdrawn', versions: [1, 2] }],
  [PREFERENCES_SET, { wire: 'preferences-set', versions: [1] }],
  [CONTACT_RECORDED, { wire: 'contact-recorded', versions: [1] }],
  [COOKIE_CHOICES_RECORDED, { wire: 'cookie-choices-recorded', versions: [1] }],
  [CALL_ATTEMPT_RECORDED, { wire: 'call-attempt-recorded', versions: [1] }],
  [PARTNER_TRANSFER_RECORDED, { wire: 'partner-transfer-recorded', versions: [1] }],
  [CUSTOMER_RELATIONSHIP_ESTABLISHED, { wire: 'customer-relationship-established', versions: [1] }],
  [CUSTOMER_RELATIONSHIP_ENDED, { wire: 'customer-relationship-ended', versions: [1] }],
  [CALL_STARTED, { wire: 'call-started', versions: [1] }],
  [RIGHTS_REQUEST_RECEIVED, { wire: 'rights-request-received', versions: [1] }],
  [PROCESSING_RESTRICTED, { wire: 'processing-restricted', versions: [1] }],
  [RESTRICTION_LIFTED, { wire: 'restriction-lifted', versions: [1] }],
  [RIGHTS_REQUEST_EXTENDED, { wire: 'rights-request-extended', versions: [1] }],
  [RIGHTS_REQUEST_COMPLETED, { wire: 'rights-request-completed', versions: [1] }],
  [RIGHTS_REQUEST_REFUSED, { wire: 'rights-request-refused', versions: [1] }],
  [RECORDING_OBJECTED, { wire: 'recording-objected', versions: [1] }],
]);

/** Every event type this build reads and writes, by its domain name. */
export const EVENT_TYPE_NAMES: readonly string[] = [...EVENT_TYPES.keys()];

const DOMAIN_NAMES = new Map<string, string>([...EVENT_TYPES].map(([domain, { wire }]) => [wire, domain]));

export function cloudEventType(domainType: string, schemaVersion: number): string {
  const known = EVENT_TYPES.get(domainType);
  if (known === undefined) throw new Error(`no wire name for event type ${domainType}`);
  return `${CLOUDEVENT_TYPE_PREFIX}${known.wire}.v${schemaVersion}`;
}

export function parseCloudEventType(
  ceType: string,
): { domainType: string; schemaVersion: number } | undefined {
  const match = /^eu\.consent-ledger\.([a-z_-]+)\.v(\d{1,4})$/.exec(ceType);
  if (!match) return undefined;
  const domainType = DOMAIN_NAMES.get(match[1]);
  const schemaVersion = Number(match[2]);
  if (domainType === undefined || !EVENT_TYPES.get(domainType)?.versions.includes(schemaVersion)) {
    return undefined;
  }
  return { domainType, schemaVersion };
}

/** The latest schema version of a type: what events are recorded in, and read as after upcasting. */
export function currentSchemaVersion(domainType: string): number {
  const known = EVENT_TYPES.get(domainType);
  if (known === undefined) throw new Error(`no wire name for event type ${domainType}`);
  return Math.max(...known.versions);
}
