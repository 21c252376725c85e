/** Injection tokens of the API's adapters. */
export const LEDGER_CONFIG = Symbol('LEDGER_CONFIG');
export const KAFKA = Symbol('KAFKA');
export const EVENT_LOG = Symbol('EVENT_LOG');
export const MONGO = Symbol('MONGO');
export const CLOCK = Symbol('CLOCK');
export const ID_GENERATOR = Symbol('ID_GENERATOR');
export const API_KEY_STORE = Symbol('API_KEY_STORE');
export const IDEMPOTENCY_STORE = Symbol('IDEMPOTENCY_STORE');
export const APPENDED_EVENTS = Symbol('APPENDED_EVENTS');
/** The policy every decision applies (DEFAULT_POLICY; one place to give another). */
export const POLICY = Symbol('POLICY');
/** Seals and opens personal values with each person's data key (crypto-shredding). */
export const PERSONAL_DATA = Symbol('PERSONAL_DATA');
/** Keyed hashes of identifiers: what lookups, the index and the suppression list compare. */
export const IDENTIFIER_HASHER = Symbol('IDENTIFIER_HASHER');
/** Signs every event the API appends (Ed25519); its public key is served as a JWKS. */
export const EVENT_SIGNER = Symbol('EVENT_SIGNER');
/** Issues the signed consent receipts a consent answers. */
export const CONSENT_RECEIPTS = Symbol('CONSENT_RECEIPTS');
/** Where decisions are kept to be explained (GET /v1/decisions/{id}). */
export const DECISION_LOG = Symbol('DECISION_LOG');
/** The ledger's one signing key, checked before the first write. */
export const SIGNING_KEYS = Symbol('SIGNING_KEYS');
/** The marks of restrictive writes acknowledged and maybe not yet applied (reads wait for them). */
export const PENDING_MARKS = Symbol('PENDING_MARKS');
