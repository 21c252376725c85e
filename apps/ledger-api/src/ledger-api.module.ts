import { Inject, Injectable, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import type { LedgerConfig } from '@ledger/config';
import { createKafka, ensureEventsTopic, KafkaEventLog } from '@ledger/kafka';
import { createMongoConnection, type MongoConnection } from '@ledger/mongo';
import type { Kafka } from 'kafkajs';
import { ApiKeyGuard } from './auth/api-key.guard';
import { HealthController } from './health/health.controller';
import { systemClock, uuidV7Generator } from './runtime';
import { RegisterSubjectController } from './subjects/register-subject/register-subject.controller';
import { RegisterSubjectHandler } from './subjects/register-subject/register-subject.handler';
import { CLOCK, EVENT_LOG, ID_GENERATOR, KAFKA, LEDGER_CONFIG, MONGO } from './tokens';

@Injectable()
class ConnectionsLifecycle implements OnApplicationShutdown {
  constructor(
    @Inject(EVENT_LOG) private readonly eventLog: KafkaEventLog,
    @Inject(MONGO) private readonly mongo: MongoConnection,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    await Promise.allSettled([this.eventLog.disconnect(), this.mongo.client.close()]);
  }
}

@Module({})
export class LedgerApiModule {
  static forRoot(config: LedgerConfig): DynamicModule {
    return {
      module: LedgerApiModule,
      imports: [
        LoggerModule.forRoot({
          pinoHttp: { level: config.logLevel, autoLogging: { ignore: (req) => req.url === '/health' } },
        }),
      ],
      controllers: [HealthController, RegisterSubjectController],
      providers: [
        { provide: LEDGER_CONFIG, useValue: config },
        { provide: CLOCK, useValue: systemClock },
        { provide: ID_GENERATOR, useValue: uuidV7Generator },
        { provide: KAFKA, useFactory: () => createKafka(config.kafka) },
        {
          provide: EVENT_LOG,
          inject: [KAFKA],
          useFactory: async (kafka: Kafka) => {
            await ensureEventsTopic(kafka, {
              topic: config.kafka.eventsTopic,
              partitions: config.kafka.topicPartitions,
            });
            const eventLog = new KafkaEventLog(kafka, config.kafka.eventsTopic);
            await eventLog.connect();
            return eventLog;
          },
        },
        { provide: MONGO, useFactory: () => createMongoConnection(config.mongo) },
        ConnectionsLifecycle,
        ApiKeyGuard,
        RegisterSubjectHandler,
      ],
    };
  }
}
