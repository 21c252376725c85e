export * from './event-codec/wire-message';
export * from './event-codec/cloud-event.codec';
export * from './position/position-token';
export * from './event-codec/upcasters';
