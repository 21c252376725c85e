export const READ_MODELS = Symbol('READ_MODELS');
export const MONGO = Symbol('MONGO');
export const EVENT_CONSUMER = Symbol('EVENT_CONSUMER');
export const DEAD_LETTERS = Symbol('DEAD_LETTERS');
export const KAFKA = Symbol('KAFKA');
export const LEDGER_CONFIG = Symbol('LEDGER_CONFIG');
/** What erasing a person does outside the projecting generation. */
export const ERASURE = Symbol('ERASURE');
/** Keyed hashes of identifiers, for registrations recorded before the edge hashed them. */
export const IDENTIFIER_HASHER = Symbol('IDENTIFIER_HASHER');
/** Where signed checkpoints are appended (the checkpoints topic). */
export const CHECKPOINT_LOG = Symbol('CHECKPOINT_LOG');
/** The marks of restrictive writes not yet applied: the projector clears those it has passed. */
export const PENDING_MARKS = Symbol('PENDING_MARKS');
