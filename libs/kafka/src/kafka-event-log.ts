import type { Kafka, Producer } from 'kafkajs';
import { createIdempotentProducer } from './kafka-client';
import { encodeEvent } from '@ledger/contracts';
import type { EventLog, LedgerEvent, LogPosition } from '@ledger/domain';

/** Appends events with the idempotent producer and acks=all; resolves once the broker acknowledged. */
export class KafkaEventLog implements EventLog {
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

  async append(event: LedgerEvent): Promise<LogPosition> {
    const message = encodeEvent(event);
    const [metadata] = await this.producer.send({
      topic: this.topic,
      acks: -1,
      messages: [{ key: message.key, value: message.value, headers: message.headers }],
    });
    if (!metadata || metadata.baseOffset === undefined) {
      throw new Error('Kafka acknowledged the append without an offset');
    }
    return { partition: metadata.partition, offset: metadata.baseOffset };
  }
}
