export * from './event-codec/wire-message';
export * from './event-codec/cloud-event.codec';
export * from './position/position-token';
export * from './event-codec/upcasters';
export * from './personal-data/master-key';
export * from './personal-data/identifier-hasher';
export * from './personal-data/personal-data-vault';
export * from './export/subject-export.schema';
