import { EventVerifier, eventSignerOf } from '@ledger/contracts';
import { Logger } from '@nestjs/common';
import { BaseRpcContext, Server, type CustomTransportStrategy } from '@nestjs/microservices';
import { lastValueFrom } from 'rxjs';
import type { LedgerConfig } from '@ledger/config';
import {
  createKafka,
  KafkaEventConsumer,
  kafkaLogSink,
  withRetries,
  type ConsumedEvent,
  type EventConsumerOptions,
  type UndecodableRecord,
} from '@ledger/kafka';

/** The one pattern the projector serves: a batch of one partition of the events topic. */
export const EVENT_BATCH = 'ledger.events.batch';

export interface EventBatch {
  events: ConsumedEvent[];
  undecodable: UndecodableRecord[];
}

/** Partition batches a projector applies at once: their subjects are disjoint, their writes overlap. */
const PARTITIONS_AT_ONCE = 3;

/** How the projector consumes: from the start, its own group, and exit when consuming stopped for good. */
/** Only events the ledger signed are projected: its own public key (an unsigned or forged one is dead-lettered). */
export function ledgerVerifier(config: LedgerConfig): EventVerifier {
  return new EventVerifier([eventSignerOf(config).jwk]);
}

export function projectorConsumerOptions(config: LedgerConfig, logger: Logger): EventConsumerOptions {
  return {
    topic: config.kafka.eventsTopic,
    groupId: config.kafka.projectorGroupId,
    fromBeginning: true,
    sessionTimeoutMs: config.kafka.projectorSessionTimeoutMs,
    verifier: ledgerVerifier(config),
    partitionsConsumedConcurrently: PARTITIONS_AT_ONCE,
    onRetry: (error, attempt) =>
      logger.warn(`batch not applied (attempt ${attempt}), retrying: ${String(error)}`),
    // A consumer that stopped for good must not leave a process that looks alive.
    onCrash: (error) => {
      logger.error(`consumer crashed, exiting so the supervisor restarts it: ${String(error)}`);
      process.exitCode = 1;
      setTimeout(() => process.exit(1), 100).unref();
    },
  };
}

/**
 * A Nest transport over the kafkajs batch consumer: each batch goes to the `EVENT_BATCH` handler
 * and is committed only once it resolved. Kafka's own Nest transport handles one message at a
 * time with its own commits; the projector needs batches, manual commits and the fencing below.
 * A handler's error reaches the consumer as thrown: it retries the batch, or leaves it to the
 * partition's new owner when the write was fenced off.
 */
export class KafkaBatchTransport extends Server implements CustomTransportStrategy {
  private consumer: KafkaEventConsumer | undefined;

  constructor(private readonly config: LedgerConfig) {
    super();
  }

  async listen(callback: () => void): Promise<void> {
    const handler = this.getHandlerByPattern(EVENT_BATCH);
    if (!handler)
      throw new Error(`no handler for ${EVENT_BATCH}: the projection controller is not registered`);
    const logger = new Logger('Projector');
    const kafka = createKafka(this.config.kafka, kafkaLogSink(new Logger('kafka')));
    const consumer = new KafkaEventConsumer(kafka, projectorConsumerOptions(this.config, logger));
    this.consumer = consumer;
    const handleBatch = async (events: ConsumedEvent[], undecodable: UndecodableRecord[]) => {
      const batch: EventBatch = { events, undecodable };
      const result = await handler(batch, new BaseRpcContext([batch]));
      await lastValueFrom(this.transformToObservable(result), { defaultValue: undefined });
    };
    await withRetries('starting the consumer', () => consumer.start({ handleBatch }), {
      onRetry: (message) => logger.warn(message),
    });
    callback();
  }

  async close(): Promise<void> {
    await this.consumer?.stop();
  }

  on(): never {
    throw new Error('the Kafka batch transport has no events to listen to');
  }

  unwrap<T>(): T {
    return this.consumer as T;
  }
}
