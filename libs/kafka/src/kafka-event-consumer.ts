import type { Consumer, Kafka, KafkaMessage } from 'kafkajs';
import { decodeRecord, type EventVerifier } from '@ledger/contracts';
import type { LedgerEvent, LogPosition } from '@ledger/domain';

/** A record as it was on the topic, kept so that it can be dead-lettered untouched. */
export interface RawRecord {
  key: Buffer | null;
  value: Buffer | null;
  headers: Record<string, string | undefined>;
}

export interface ConsumedEvent {
  event: LedgerEvent;
  position: LogPosition;
  raw: RawRecord;
  /** SHA-256 of the event's canonical form as written (see decodeRecord): chains and checkpoints link it. */
  digest: string;
}

export interface UndecodableRecord extends RawRecord {
  position: LogPosition;
  reason: string;
}

export interface EventBatchHandler {
  /**
   * Must be idempotent: a batch is redelivered when the process dies before its commit. A
   * record it cannot apply goes to the dead letters; a thrown error means "retry the batch".
   */
  handleBatch(events: ConsumedEvent[], undecodable: UndecodableRecord[]): Promise<void>;
}

export interface EventConsumerOptions {
  topic: string;
  groupId: string;
  fromBeginning: boolean;
  sessionTimeoutMs?: number;
  /** Called once when the consumer stopped for good (the process should exit and be restarted). */
  onCrash?: (error: Error) => void;
  /** Told about a batch that failed and will be retried (Mongo down, fenced write...). */
  onRetry?: (error: unknown, attempt: number) => void;
  /** The ledger's public keys: an unsigned or forged record is undecodable (dead-lettered). */
  verifier?: EventVerifier;
  /** Batches of different partitions handled at once (default 1). */
  partitionsConsumedConcurrently?: number;
}

/** Thrown by a handler that found its write fenced off: another instance owns the partition now. */
export class FencedWriteError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FencedWriteError';
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** kafkajs's names for Kafka error codes 14, 15 and 16. */
const COORDINATOR_NOT_READY = new Set([
  'GROUP_LOAD_IN_PROGRESS',
  'GROUP_COORDINATOR_NOT_AVAILABLE',
  'NOT_COORDINATOR_FOR_GROUP',
]);

/** Whether an error (or what caused it) is the group coordinator not being ready yet. */
export function coordinatorNotReady(error: unknown): boolean {
  for (let cause = error as { type?: unknown; cause?: unknown } | undefined; cause;) {
    if (typeof cause.type === 'string' && COORDINATOR_NOT_READY.has(cause.type)) return true;
    cause = cause.cause as typeof cause;
  }
  return false;
}

/** Header values as strings, in an object without prototype (a header named __proto__ is data). */
export function headersOf(message: KafkaMessage): Record<string, string | undefined> {
  const headers = Object.create(null) as Record<string, string | undefined>;
  for (const [name, value] of Object.entries(message.headers ?? {})) {
    headers[name] = Array.isArray(value) ? value[0]?.toString() : value?.toString();
  }
  return headers;
}

/**
 * Consumes the events topic in batches and commits offsets only after the handler resolved.
 * No record can stop consumption: whatever cannot be decoded is handed over as undecodable.
 * Handler failures are retried with backoff while heartbeats keep the partitions assigned; a
 * batch whose assignment was lost meanwhile is dropped uncommitted (its new owner applies it).
 */
export class KafkaEventConsumer {
  private readonly consumer: Consumer;
  private stopping = false;

  constructor(
    kafka: Kafka,
    private readonly options: EventConsumerOptions,
  ) {
    this.consumer = kafka.consumer({
      groupId: options.groupId,
      allowAutoTopicCreation: false,
      sessionTimeout: options.sessionTimeoutMs ?? 30_000,
      heartbeatInterval: Math.min(3000, Math.floor((options.sessionTimeoutMs ?? 30_000) / 3)),
      // kafkajs asks this only about retriable errors: a group coordinator still loading (a
      // fresh or restarted broker) restarts the consumer in place; anything else ends it, and
      // the process exits for its supervisor to start afresh.
      retry: {
        retries: 8,
        initialRetryTime: 300,
        restartOnFailure: async (error) => coordinatorNotReady(error),
      },
    });
    this.consumer.on(this.consumer.events.CRASH, ({ payload }) => {
      if (!payload.restart && !this.stopping) options.onCrash?.(payload.error);
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
      // Partitions hold disjoint subjects: one's batch decodes and verifies while another's is written.
      partitionsConsumedConcurrently: this.options.partitionsConsumedConcurrently ?? 1,
      eachBatch: async ({ batch, resolveOffset, heartbeat, isRunning, isStale }) => {
        if (!isRunning() || isStale() || batch.messages.length === 0) return;
        const events: ConsumedEvent[] = [];
        const undecodable: UndecodableRecord[] = [];
        for (const message of batch.messages) {
          const position = { partition: batch.partition, offset: message.offset };
          const raw = { key: message.key, value: message.value, headers: headersOf(message) };
          try {
            const { event, digest } = decodeRecord(
              { key: message.key?.toString() ?? null, value: raw.value, headers: raw.headers },
              { verifier: this.options.verifier },
            );
            events.push({ event, position, raw, digest });
          } catch (error) {
            undecodable.push({
              ...raw,
              position,
              reason: error instanceof Error ? error.message : String(error),
            });
          }
        }
        // Heartbeats inside the batch: a long batch must not cost the partition its owner.
        let lostAssignment = false;
        const beat = setInterval(() => {
          heartbeat().catch(() => {
            lostAssignment = true;
          });
        }, 1000);
        try {
          for (let attempt = 1; ; attempt++) {
            if (!isRunning() || isStale() || lostAssignment) return;
            try {
              await handler.handleBatch(events, undecodable);
              break;
            } catch (error) {
              this.options.onRetry?.(error, attempt);
              // Fenced: another instance owns the partition now; leave the batch uncommitted.
              if (error instanceof FencedWriteError) return;
              await sleep(Math.min(5000, 200 * 2 ** Math.min(attempt, 5)));
            }
          }
        } finally {
          clearInterval(beat);
        }
        if (isStale() || lostAssignment) return;
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
    this.stopping = true;
    await this.consumer.disconnect();
  }
}
