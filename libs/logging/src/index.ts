export * from './scrub';
export * from './pino-options';
