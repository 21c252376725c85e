export * from './collections';
export * from './mongo-connection';
export * from './mongo-health';
export * from './subject-summary.store';
export * from './checkpoint.store';
