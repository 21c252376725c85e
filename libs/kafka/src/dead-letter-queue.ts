import type { Kafka, Producer } from 'kafkajs';
import { createIdempotentProducer } from './kafka-client';
import type { UndecodableRecord } from './kafka-event-consumer';

/** Where the projector puts records it cannot read, with why, so that consumption goes on. */
export class KafkaDeadLetterQueue {
  private readonly producer: Producer;

  constructor(
    kafka: Kafka,
    private readonly topic: string,
    private readonly sourceTopic: string,
  ) {
    this.producer = createIdempotentProducer(kafka);
  }

  async connect(): Promise<void> {
    await this.producer.connect();
  }

  async disconnect(): Promise<void> {
    await this.producer.disconnect();
  }

  async publish(records: UndecodableRecord[], at: string): Promise<void> {
    if (records.length === 0) return;
    await this.producer.send({
      topic: this.topic,
      acks: -1,
      messages: records.map((record) => ({
        key: record.key,
        value: record.value,
        headers: {
          ...Object.fromEntries(
            Object.entries(record.headers).filter(
              (entry): entry is [string, string] => entry[1] !== undefined,
            ),
          ),
          'dlq-reason': record.reason,
          'dlq-source-topic': this.sourceTopic,
          'dlq-source-partition': String(record.position.partition),
          'dlq-source-offset': record.position.offset,
          'dlq-at': at,
        },
      })),
    });
  }
}
