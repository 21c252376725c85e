import { historyRisks, topicReplication } from './events-topic';

describe('the events topic settings', () => {
  it.each([
    [1, {}, { replicationFactor: 1, minInsyncReplicas: 1 }],
    [2, {}, { replicationFactor: 2, minInsyncReplicas: 1 }],
    [3, {}, { replicationFactor: 3, minInsyncReplicas: 2 }],
    [5, {}, { replicationFactor: 3, minInsyncReplicas: 2 }],
    [5, { replicationFactor: 5, minInsyncReplicas: 3 }, { replicationFactor: 5, minInsyncReplicas: 3 }],
  ])('on %i broker(s) with %j: %j', (brokers, spec, expected) => {
    expect(topicReplication(brokers, spec)).toEqual(expected);
  });

  it('refuses more replicas than brokers, or more in sync than replicas', () => {
    expect(() => topicReplication(1, { replicationFactor: 3 })).toThrow(/cluster has 1 broker/);
    expect(() => topicReplication(3, { replicationFactor: 2, minInsyncReplicas: 3 })).toThrow(
      /cannot exceed/,
    );
  });

  it('names every setting of an existing topic that would delete events', () => {
    expect(
      historyRisks(
        't',
        new Map([
          ['retention.ms', '-1'],
          ['retention.bytes', '-1'],
        ]),
      ),
    ).toEqual([]);
    expect(
      historyRisks(
        't',
        new Map([
          ['cleanup.policy', 'compact,delete'],
          ['retention.ms', '604800000'],
        ]),
      ),
    ).toEqual([
      't: cleanup.policy=compact,delete (compaction keeps one event a subject)',
      't: retention.ms=604800000',
    ]);
  });
});
