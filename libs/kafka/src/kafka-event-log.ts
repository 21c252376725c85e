import type { Kafka, Producer } from 'kafkajs';
import { createIdempotentProducer } from './kafka-client';
import { encodeEvent } from '@ledger/contracts';
import type { EventLog, LedgerEvent, LogPosition } from '@ledger/domain';

/** The log did not acknowledge an append; whether the broker wrote it is unknown. */
export class AppendFailedError extends Error {
  constructor(
    message: string,
    /** True when the record may be in the log anyway (timeout, lost answer). */
    readonly outcomeUnknown: boolean,
  ) {
    super(message);
    this.name = 'AppendFailedError';
  }
}

/** Appends sent in one produce request at most: bounds a request's size (events are ~1 KB). */
export const MAX_APPENDS_PER_REQUEST = 500;

interface PendingAppend {
  message: { key: string; value: Buffer | string; headers?: Record<string, string> };
  resolve(position: LogPosition): void;
  reject(error: AppendFailedError): void;
}

/**
 * Appends events with the idempotent producer and acks=all; resolves once the broker
 * acknowledged. The idempotent producer has one request in flight, so appends that arrive
 * while one is in flight go together in the next request (one round trip for many callers);
 * each still gets its own position (the partition's base offset plus its rank in it) and its
 * own deadline. A failed send discards the producer: kafkajs rolls its sequence numbers back
 * after a failure, so the next append on the same producer id could be taken by the broker for
 * a duplicate of a write it did receive, and silently dropped. A new producer has a new id.
 */
export class KafkaEventLog implements EventLog {
  private producer: Promise<Producer> | undefined;
  private readonly queue: PendingAppend[] = [];
  private sending = false;
  /** The partition the partitioner chose for each message of the request in flight. */
  private readonly partitions = new WeakMap<object, number>();

  constructor(
    private readonly kafka: Kafka,
    private readonly topic: string,
    /** How long one append may take before the caller is told its outcome is unknown. */
    private readonly appendTimeoutMs = 10_000,
    private readonly onProducerError: (error: unknown) => void = () => undefined,
  ) {}

  async connect(): Promise<void> {
    await this.currentProducer();
  }

  async disconnect(): Promise<void> {
    const producer = this.producer;
    this.producer = undefined;
    await (await producer?.catch(() => undefined))?.disconnect();
  }

  append(event: LedgerEvent): Promise<LogPosition> {
    const { key, value, headers } = encodeEvent(event);
    return new Promise<LogPosition>((resolve, reject) => {
      // Each caller's own bound, whether its request is in flight or still waiting its turn.
      const timer = setTimeout(
        () => reject(new AppendFailedError(`no acknowledgement within ${this.appendTimeoutMs} ms`, true)),
        this.appendTimeoutMs,
      );
      this.queue.push({
        message: { key, value, headers },
        resolve: (position) => {
          clearTimeout(timer);
          resolve(position);
        },
        reject: (error) => {
          clearTimeout(timer);
          reject(error);
        },
      });
      void this.drain();
    });
  }

  private async drain(): Promise<void> {
    if (this.sending) return;
    this.sending = true;
    try {
      while (this.queue.length > 0) await this.send(this.queue.splice(0, MAX_APPENDS_PER_REQUEST));
    } finally {
      this.sending = false;
    }
  }

  private async send(batch: PendingAppend[]): Promise<void> {
    const producing = this.currentProducer();
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new AppendFailedError(`no acknowledgement within ${this.appendTimeoutMs} ms`, true)),
        this.appendTimeoutMs,
      );
    });
    try {
      const metadata = await Promise.race([
        producing.then((producer) =>
          producer.send({ topic: this.topic, acks: -1, messages: batch.map((a) => a.message) }),
        ),
        timeout,
      ]);
      const baseOffsets = new Map(metadata.map((m) => [m.partition, m.baseOffset]));
      const ranks = new Map<number, number>();
      for (const append of batch) {
        const partition = this.partitions.get(append.message);
        const baseOffset = partition === undefined ? undefined : baseOffsets.get(partition);
        if (partition === undefined || baseOffset === undefined) {
          append.reject(new AppendFailedError('Kafka acknowledged the append without an offset', true));
          continue;
        }
        // Within a partition, a request's records are written in the order given.
        const rank = ranks.get(partition) ?? 0;
        ranks.set(partition, rank + 1);
        append.resolve({ partition, offset: String(BigInt(baseOffset) + BigInt(rank)) });
      }
    } catch (error) {
      this.onProducerError(error);
      this.discard(producing);
      const failure =
        error instanceof AppendFailedError
          ? error
          : new AppendFailedError(error instanceof Error ? error.message : String(error), true);
      for (const append of batch) append.reject(failure);
    } finally {
      clearTimeout(timer);
    }
  }

  private currentProducer(): Promise<Producer> {
    if (this.producer === undefined) {
      const producer = createIdempotentProducer(this.kafka, (message, partition) =>
        this.partitions.set(message, partition),
      );
      const connecting = producer.connect().then(() => producer);
      this.producer = connecting;
      // A producer that could not connect is not kept: the next append tries a new one.
      connecting.catch(() => this.discard(connecting));
    }
    return this.producer;
  }

  /** Forget this producer (if still current) and close it in the background. */
  private discard(producer: Promise<Producer>): void {
    if (this.producer === producer) this.producer = undefined;
    void producer.then((p) => p.disconnect()).catch(() => undefined);
  }
}
