import { ConfigResourceTypes, type Admin, type Kafka } from 'kafkajs';

export interface EventsTopicSpec {
  topic: string;
  partitions: number;
  /** Default min(3, brokers in the cluster). */
  replicationFactor?: number | undefined;
  /** Default 2 on a cluster of 3 brokers or more, else 1. */
  minInsyncReplicas?: number | undefined;
}

/** The log is the source of truth: infinite retention, deletion never, compaction never. */
const KEEP_FOR_EVER = [
  { name: 'cleanup.policy', value: 'delete' },
  { name: 'retention.ms', value: '-1' },
  { name: 'retention.bytes', value: '-1' },
];

export class EventsTopicRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EventsTopicRefused';
  }
}

/** Replication of a new events topic: as asked, else as much as the cluster allows, up to 3. */
export function topicReplication(
  brokers: number,
  spec: Pick<EventsTopicSpec, 'replicationFactor' | 'minInsyncReplicas'>,
): { replicationFactor: number; minInsyncReplicas: number } {
  const replicationFactor = spec.replicationFactor ?? Math.min(3, brokers);
  const minInsyncReplicas = spec.minInsyncReplicas ?? (brokers >= 3 && replicationFactor >= 3 ? 2 : 1);
  if (replicationFactor > brokers) {
    throw new EventsTopicRefused(
      `LEDGER_TOPIC_REPLICATION_FACTOR is ${replicationFactor} but the cluster has ${brokers} broker(s)`,
    );
  }
  if (minInsyncReplicas > replicationFactor) {
    throw new EventsTopicRefused(
      `LEDGER_TOPIC_MIN_INSYNC_REPLICAS (${minInsyncReplicas}) cannot exceed the replication factor (${replicationFactor})`,
    );
  }
  return { replicationFactor, minInsyncReplicas };
}

/** Why an existing topic would lose history, or nothing. */
export function historyRisks(topic: string, settings: Map<string, string>): string[] {
  const risks: string[] = [];
  const policy = settings.get('cleanup.policy') ?? 'delete';
  if (policy.includes('compact'))
    risks.push(`cleanup.policy=${policy} (compaction keeps one event a subject)`);
  for (const name of ['retention.ms', 'retention.bytes']) {
    const value = settings.get(name);
    if (value !== undefined && value !== '-1') risks.push(`${name}=${value}`);
  }
  return risks.map((risk) => `${topic}: ${risk}`);
}

async function topicSettings(admin: Admin, topic: string): Promise<Map<string, string>> {
  const described = await admin.describeConfigs({
    includeSynonyms: false,
    resources: [
      {
        type: ConfigResourceTypes.TOPIC,
        name: topic,
        configNames: ['cleanup.policy', 'retention.ms', 'retention.bytes'],
      },
    ],
  });
  return new Map(described.resources[0].configEntries.map((entry) => [entry.configName, entry.configValue]));
}

/**
 * Creates the events topic with explicit configuration when it is missing. An existing topic
 * keeps its partitions (keys map to partitions) but is checked: one whose retention or
 * compaction would delete events is refused, with what to change, before anything is written.
 */
export async function ensureEventsTopic(kafka: Kafka, spec: EventsTopicSpec): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const existing = await admin.listTopics();
    if (existing.includes(spec.topic)) {
      const risks = historyRisks(spec.topic, await topicSettings(admin, spec.topic));
      if (risks.length > 0) {
        throw new EventsTopicRefused(
          `the events topic would lose history (${risks.join('; ')}). Set retention.ms=-1, ` +
            'retention.bytes=-1 and cleanup.policy=delete on it (kafka-configs --alter), or choose another LEDGER_EVENTS_TOPIC',
        );
      }
      return;
    }
    const { brokers } = await admin.describeCluster();
    const { replicationFactor, minInsyncReplicas } = topicReplication(brokers.length, spec);
    await admin.createTopics({
      waitForLeaders: true,
      topics: [
        {
          topic: spec.topic,
          numPartitions: spec.partitions,
          replicationFactor,
          configEntries: [
            ...KEEP_FOR_EVER,
            { name: 'min.insync.replicas', value: String(minInsyncReplicas) },
          ],
        },
      ],
    });
  } finally {
    await admin.disconnect();
  }
}

/** Where the projector puts records it cannot apply, beside the events topic. */
export const deadLetterTopicOf = (eventsTopic: string): string => `${eventsTopic}.dlq`;
