export * from './kafka-client';
export * from './events-topic';
export * from './kafka-event-log';
export * from './kafka-event-consumer';
export * from './kafka-health';
export * from './topic-offsets';
export * from './dead-letter-queue';
export * from './retry';
