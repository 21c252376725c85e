export const SUBJECT_RECORDS = Symbol('SUBJECT_RECORDS');
export const CHECKPOINTS = Symbol('CHECKPOINTS');
export const MONGO = Symbol('MONGO');
export const EVENT_CONSUMER = Symbol('EVENT_CONSUMER');
export const IDENTIFIER_INDEX = Symbol('IDENTIFIER_INDEX');
export const DEAD_LETTERS = Symbol('DEAD_LETTERS');
export const KAFKA = Symbol('KAFKA');
export const READ_MODEL_NAMES = Symbol('READ_MODEL_NAMES');
