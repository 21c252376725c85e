import {
  Inject,
  Injectable,
  Logger,
  Module,
  type DynamicModule,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import type { LedgerConfig } from '@ledger/config';
import { DEFAULT_POLICY } from '@ledger/domain';
import { createKafka, KafkaEventLog, kafkaLogSink, withRetries } from '@ledger/kafka';
import { pinoHttpParams } from '@ledger/logging';
import { createMongoConnection, type MongoConnection } from '@ledger/mongo';
import { RetentionMetrics } from './sweep/retention-metrics';
import { RetentionSweep } from './sweep/retention-sweep';
import { CLOCK, EVENT_LOG, EVENT_SIGNER, KAFKA, LEDGER_CONFIG, MONGO, POLICY, type Clock } from './tokens';
import { eventSignerOf } from '@ledger/contracts';
import type { Kafka } from 'kafkajs';

@Injectable()
class Connections implements OnApplicationShutdown {
  constructor(
    @Inject(EVENT_LOG) private readonly log: KafkaEventLog,
    @Inject(MONGO) private readonly mongo: MongoConnection,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    await Promise.allSettled([this.log.disconnect(), this.mongo.client.close()]);
  }
}

/** The retention worker: a sweep over the live read models, appending to the log what expires. */
@Module({})
export class RetentionModule {
  static forRoot(config: LedgerConfig, overrides: { clock?: Clock } = {}): DynamicModule {
    return {
      module: RetentionModule,
      imports: [
        LoggerModule.forRoot({
          pinoHttp: pinoHttpParams({
            level: config.logLevel,
            hashKey: config.logHashKey,
            ...(config.logFile !== undefined ? { file: config.logFile } : {}),
            pretty: process.stdout.isTTY === true,
          }),
        }),
      ],
      providers: [
        { provide: LEDGER_CONFIG, useValue: config },
        { provide: CLOCK, useValue: overrides.clock ?? { now: () => new Date() } },
        { provide: POLICY, useValue: DEFAULT_POLICY },
        { provide: MONGO, useFactory: () => createMongoConnection(config.mongo) },
        { provide: KAFKA, useFactory: () => createKafka(config.kafka, kafkaLogSink(new Logger('kafka'))) },
        {
          provide: EVENT_LOG,
          inject: [KAFKA],
          useFactory: async (kafka: Kafka) => {
            const logger = new Logger('EventLog');
            const log = new KafkaEventLog(
              kafka,
              config.kafka.eventsTopic,
              config.limits.writeTimeoutMs,
              (error) => logger.warn(`append not acknowledged, producer replaced: ${String(error)}`),
            );
            await withRetries('connecting the producer', () => log.connect(), {
              onRetry: (message) => logger.warn(message),
            });
            return log;
          },
        },
        { provide: EVENT_SIGNER, useFactory: () => eventSignerOf(config) },
        Connections,
        RetentionMetrics,
        RetentionSweep,
      ],
    };
  }
}
