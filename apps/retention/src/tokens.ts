/** Injection tokens of the retention worker's adapters. */
export const LEDGER_CONFIG = Symbol('LEDGER_CONFIG');
export const MONGO = Symbol('MONGO');
export const EVENT_LOG = Symbol('EVENT_LOG');
export const KAFKA = Symbol('KAFKA');
export const EVENT_SIGNER = Symbol('EVENT_SIGNER');
export const CLOCK = Symbol('CLOCK');
export const POLICY = Symbol('POLICY');

/** Time comes from the edge: tests move it years ahead. */
export interface Clock {
  now(): Date;
}
