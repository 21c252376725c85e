import type { Kafka, Producer } from 'kafkajs';
import type { SignedCheckpoint } from '@ledger/contracts';
import { createIdempotentProducer } from './kafka-client';

/** The topic signed checkpoints are appended to, beside the events they vouch for. */
export const checkpointTopicOf = (eventsTopic: string) => `${eventsTopic}.checkpoints`;

/** Appends signed checkpoints to their topic: a copy outside Mongo that an operator cannot quietly edit. */
export class KafkaCheckpointLog {
  private readonly producer: Producer;

  constructor(
    kafka: Kafka,
    private readonly topic: string,
  ) {
    this.producer = createIdempotentProducer(kafka);
  }

  async connect(): Promise<void> {
    await this.producer.connect();
  }

  async disconnect(): Promise<void> {
    await this.producer.disconnect();
  }

  async append(checkpoints: SignedCheckpoint[]): Promise<void> {
    if (checkpoints.length === 0) return;
    await this.producer.send({
      topic: this.topic,
      acks: -1,
      messages: checkpoints.map((checkpoint) => ({
        key: String(checkpoint.partition),
        value: JSON.stringify(checkpoint),
      })),
    });
  }
}
