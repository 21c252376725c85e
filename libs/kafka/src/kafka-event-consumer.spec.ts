import { KafkaJSNumberOfRetriesExceeded, KafkaJSProtocolError } from 'kafkajs';
import { coordinatorNotReady } from './kafka-event-consumer';

/** What a broker answers, as kafkajs raises it (its error table, by Kafka error code). */
const broker = (code: number) => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { createErrorFromCode } = require('kafkajs/src/protocol/error') as {
    createErrorFromCode(code: number): KafkaJSProtocolError;
  };
  return createErrorFromCode(code);
};

describe('which consumer crashes restart the consumer in place', () => {
  it('a group coordinator still loading or not available, directly or behind exhausted retries', () => {
    expect(coordinatorNotReady(broker(14))).toBe(true);
    expect(coordinatorNotReady(broker(15))).toBe(true);
    expect(coordinatorNotReady(broker(16))).toBe(true);
    expect(
      coordinatorNotReady(new KafkaJSNumberOfRetriesExceeded(broker(14), { retryCount: 8, retryTime: 5000 })),
    ).toBe(true);
  });

  it('anything else ends it (the process exits for its supervisor)', () => {
    expect(coordinatorNotReady(broker(3))).toBe(false); // unknown topic or partition
    expect(coordinatorNotReady(new Error('boom'))).toBe(false);
    expect(coordinatorNotReady(undefined)).toBe(false);
  });
});
