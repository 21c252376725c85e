import {
  Kafka,
  logLevel as KafkaLogLevel,
  Partitioners,
  type LogEntry,
  type Producer,
  type SASLOptions,
} from 'kafkajs';
import './kafkajs-idle-timer-fix';

export interface KafkaConnectionOptions {
  brokers: string[];
  clientId: string;
  /** TLS: true trusts the system's CAs; `ca` (PEM) trusts only those. */
  ssl?: boolean | { ca: string };
  sasl?: { mechanism: 'scram-sha-256' | 'scram-sha-512' | 'plain'; username: string; password: string };
}

export interface KafkaLogSink {
  warn(message: string, context: Record<string, unknown>): void;
  error(message: string, context: Record<string, unknown>): void;
}

/** kafkajs speaks through the application's logger (pino under Nest), not to the console. */
export function kafkaLogSink(logger: {
  warn(message: string): void;
  error(message: string): void;
}): KafkaLogSink {
  return {
    warn: (message, context) => logger.warn(`${message} ${JSON.stringify(context)}`),
    error: (message, context) => logger.error(`${message} ${JSON.stringify(context)}`),
  };
}

/** The only place that constructs a kafkajs client, so the client can be swapped in one module. */
export function createKafka(options: KafkaConnectionOptions, log?: KafkaLogSink): Kafka {
  return new Kafka({
    clientId: options.clientId,
    brokers: options.brokers,
    ...(options.ssl ? { ssl: options.ssl === true ? true : { ca: [options.ssl.ca] } } : {}),
    ...(options.sasl ? { sasl: options.sasl as SASLOptions } : {}),
    connectionTimeout: 3000,
    requestTimeout: 30000,
    retry: { retries: 8, initialRetryTime: 200 },
    logLevel: KafkaLogLevel.WARN,
    logCreator:
      () =>
      ({ level, log: entry }: LogEntry) => {
        const { message, ...context } = entry;
        // We replace the producer after any failed send, which is what this warning is about.
        if (!log || message.startsWith('Limiting retries for the idempotent producer')) return;
        if (level === KafkaLogLevel.ERROR) log.error(`kafka: ${message}`, context);
        else log.warn(`kafka: ${message}`, context);
      },
  });
}

/**
 * The one producer configuration for everything the ledger writes: idempotent, one request in
 * flight (per-key order holds across retries), never creating a topic by accident.
 */
export function createIdempotentProducer(
  kafka: Kafka,
  /** Told the partition each message goes to (the message object as given to send). */
  onPartition: (message: object, partition: number) => void = () => undefined,
): Producer {
  return kafka.producer({
    idempotent: true,
    maxInFlightRequests: 1,
    allowAutoTopicCreation: false,
    // Named, not defaulted: the key → partition mapping is part of the log's identity.
    createPartitioner: () => {
      const partitioner = Partitioners.DefaultPartitioner();
      return (args) => {
        const partition = partitioner(args);
        onPartition(args.message, partition);
        return partition;
      };
    },
  });
}
