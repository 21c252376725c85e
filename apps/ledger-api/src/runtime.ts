import { v7 as uuidv7 } from 'uuid';

/** Time and ids come from the edge so the core stays deterministic in tests. */
export interface Clock {
  now(): Date;
}

export interface IdGenerator {
  eventId(): string;
}

export const systemClock: Clock = { now: () => new Date() };

/** UUIDv7: time-ordered, so event ids sort roughly by creation. */
export const uuidV7Generator: IdGenerator = { eventId: () => uuidv7() };
