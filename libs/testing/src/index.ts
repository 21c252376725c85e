export * from './test-admin-key';
export * from './test-resources';
export * from './in-memory-read-models';
