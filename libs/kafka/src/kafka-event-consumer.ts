import type { Consumer, Kafka } from 'kafkajs';
import { decodeEvent, UndecodableEventError } from '@ledger/contracts';
import type { LedgerEvent, LogPosition } from '@ledger/domain';

export interface ConsumedEvent {
  event: LedgerEvent;
  position: LogPosition;
}

export interface UndecodableRecord {
  position: LogPosition;
  reason: string;
  /** The record as it was, for the dead-letter topic. */
  key: Buffer | null;
  value: Buffer | null;
  headers: Record<string, string | undefined>;
}

export interface EventBatchHandler {
  /** Must be idempotent: a batch is redelivered when the process dies before its commit. */
  handleBatch(events: ConsumedEvent[], undecodable: UndecodableRecord[]): Promise<void>;
}

export interface EventConsumerOptions {
  topic: string;
  groupId: string;
  fromBeginning: boolean;
}

/** Consumes the events topic in batches and commits offsets only after the handler resolved. */
export class KafkaEventConsumer {
  private readonly consumer: Consumer;

  constructor(
    kafka: Kafka,
    private readonly options: EventConsumerOptions,
  ) {
    this.consumer = kafka.consumer({
      groupId: options.groupId,
      allowAutoTopicCreation: false,
      sessionTimeout: 30000,
      heartbeatInterval: 3000,
    });
  }

  async start(handler: EventBatchHandler): Promise<void> {
    await this.consumer.connect();
    await this.consumer.subscribe({
      topic: this.options.topic,
      fromBeginning: this.options.fromBeginning,
    });
    await this.consumer.run({
      autoCommit: false,
      eachBatchAutoResolve: false,
      eachBatch: async ({ batch, resolveOffset, heartbeat, isRunning, isStale }) => {
        if (!isRunning() || isStale() || batch.messages.length === 0) return;
        const events: ConsumedEvent[] = [];
        const undecodable: UndecodableRecord[] = [];
        for (const message of batch.messages) {
          const position = { partition: batch.partition, offset: message.offset };
          const headers: Record<string, string | undefined> = {};
          for (const [name, value] of Object.entries(message.headers ?? {})) {
            headers[name] = Array.isArray(value) ? value[0]?.toString() : value?.toString();
          }
          try {
            const event = decodeEvent({
              key: message.key?.toString() ?? null,
              value: message.value,
              headers,
            });
            events.push({ event, position });
          } catch (error) {
            if (!(error instanceof UndecodableEventError)) throw error;
            undecodable.push({
              position,
              reason: error.message,
              key: message.key,
              value: message.value,
              headers,
            });
          }
        }
        await handler.handleBatch(events, undecodable);
        const last = batch.messages[batch.messages.length - 1];
        resolveOffset(last.offset);
        await this.consumer.commitOffsets([
          {
            topic: batch.topic,
            partition: batch.partition,
            offset: (BigInt(last.offset) + 1n).toString(),
          },
        ]);
        await heartbeat();
      },
    });
  }

  async stop(): Promise<void> {
    await this.consumer.disconnect();
  }
}
