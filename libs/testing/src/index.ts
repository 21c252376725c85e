export * from './test-admin-key';
export * from './test-resources';
export * from './in-memory-read-models';
export * from './in-memory-data-keys';
export * from './consumed-event';
