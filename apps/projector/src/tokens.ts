export const READ_MODELS = Symbol('READ_MODELS');
export const MONGO = Symbol('MONGO');
export const EVENT_CONSUMER = Symbol('EVENT_CONSUMER');
export const DEAD_LETTERS = Symbol('DEAD_LETTERS');
export const KAFKA = Symbol('KAFKA');
export const LEDGER_CONFIG = Symbol('LEDGER_CONFIG');
