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

/**
 * Appends events with the idempotent producer and acks=all; resolves once the broker
 * acknowledged. A failed send discards the producer: kafkajs rolls its sequence numbers back
 * after a failure, so the next append on the same producer id could be taken by the broker for
 * a duplicate of a write it did receive, and silently dropped. A new producer has a new id.
 */
export class KafkaEventLog implements EventLog {
  private producer: Promise<Producer> | undefined;

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

  async append(event: LedgerEvent): Promise<LogPosition> {
    const message = encodeEvent(event);
    const producing = this.currentProducer();
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new AppendFailedError(`no acknowledgement within ${this.appendTimeoutMs} ms`, true)),
        this.appendTimeoutMs,
      );
    });
    try {
      const [metadata] = await Promise.race([
        producing.then((producer) =>
          producer.send({
            topic: this.topic,
            acks: -1,
            messages: [{ key: message.key, value: message.value, headers: message.headers }],
          }),
        ),
        timeout,
      ]);
      if (!metadata || metadata.baseOffset === undefined) {
        throw new AppendFailedError('Kafka acknowledged the append without an offset', true);
      }
      return { partition: metadata.partition, offset: metadata.baseOffset };
    } catch (error) {
      this.onProducerError(error);
      this.discard(producing);
      if (error instanceof AppendFailedError) throw error;
      throw new AppendFailedError(error instanceof Error ? error.message : String(error), true);
    } finally {
      clearTimeout(timer);
    }
  }

  private currentProducer(): Promise<Producer> {
    if (this.producer === undefined) {
      const producer = createIdempotentProducer(this.kafka);
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
