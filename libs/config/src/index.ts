export * from './ledger-config';
export * from './supported-runtime';
