export * from './collections';
export * from './mongo-connection';
export * from './mongo-health';
export * from './checkpoint.store';
export * from './api-key.store';
export * from './idempotency.store';
export * from './identifier-index.store';
export * from './subject-record.store';
