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
