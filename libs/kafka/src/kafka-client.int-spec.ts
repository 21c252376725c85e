import { testConfig } from '@ledger/testing';
import { createKafka } from './kafka-client';

// kafkajs 2.2.4 re-arms a 1 ms timer for ever once a connection has answered one request (and
// Node.js 24 warns about its negative delay); kafkajs-idle-timer-fix.ts stops it when idle.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { prototype: requestQueue } = require('kafkajs/src/network/requestQueue');

describe('an idle kafkajs connection', () => {
  const config = testConfig('kafka_idle');
  const original = requestQueue.checkPendingRequests;
  let checks = 0;

  beforeAll(() => {
    requestQueue.checkPendingRequests = function (this: unknown, ...args: unknown[]) {
      checks += 1;
      return original.apply(this, args);
    };
  });

  afterAll(() => {
    requestQueue.checkPendingRequests = original;
  });

  it('schedules no work once its requests are answered', async () => {
    const admin = createKafka(config.kafka).admin();
    await admin.connect();
    try {
      await admin.listTopics();
      checks = 0;
      await new Promise((resolve) => setTimeout(resolve, 500));
      // Unpatched, the queue checks itself about every millisecond: hundreds of times here.
      expect(checks).toBeLessThan(5);
    } finally {
      await admin.disconnect();
    }
  });
});
