export * from './errors/ledger-error';
export * from './events/ledger-event';
export * from './ports/event-log.port';
export * from './subjects/subject-kind';
export * from './subjects/subject-registered';
export * from './subjects/subject-summary.projection';
