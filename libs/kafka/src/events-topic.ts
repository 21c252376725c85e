import type { Kafka } from 'kafkajs';

export interface EventsTopicSpec {
  topic: string;
  partitions: number;
}

/** The log is the source of truth: infinite retention, deletion never, compaction never. */
const EVENTS_TOPIC_CONFIG = [
  { name: 'cleanup.policy', value: 'delete' },
  { name: 'retention.ms', value: '-1' },
  { name: 'retention.bytes', value: '-1' },
  { name: 'min.insync.replicas', value: '1' },
];

/**
 * Creates the events topic with explicit configuration when it is missing; an existing topic is
 * left as it is (its partition count is part of its identity: keys map to partitions).
 */
export async function ensureEventsTopic(kafka: Kafka, spec: EventsTopicSpec): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const existing = await admin.listTopics();
    if (existing.includes(spec.topic)) return;
    await admin.createTopics({
      waitForLeaders: true,
      topics: [
        {
          topic: spec.topic,
          numPartitions: spec.partitions,
          replicationFactor: -1,
          configEntries: EVENTS_TOPIC_CONFIG,
        },
      ],
    });
  } finally {
    await admin.disconnect();
  }
}

/** Where the projector puts records it cannot apply, beside the events topic. */
export const deadLetterTopicOf = (eventsTopic: string): string => `${eventsTopic}.dlq`;
