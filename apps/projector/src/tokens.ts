export const SUBJECT_SUMMARIES = Symbol('SUBJECT_SUMMARIES');
export const CHECKPOINTS = Symbol('CHECKPOINTS');
export const MONGO = Symbol('MONGO');
export const EVENT_CONSUMER = Symbol('EVENT_CONSUMER');
export const IDENTIFIER_INDEX = Symbol('IDENTIFIER_INDEX');
