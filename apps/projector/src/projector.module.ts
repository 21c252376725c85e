import {
  Inject,
  Injectable,
  Module,
  type DynamicModule,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import type { Kafka } from 'kafkajs';
import type { LedgerConfig } from '@ledger/config';
import { createKafka, ensureEventsTopic, KafkaDeadLetterQueue, KafkaEventConsumer } from '@ledger/kafka';
import {
  CheckpointStore,
  createMongoConnection,
  IdentifierIndexStore,
  PartnerTransferStore,
  ReadModelGenerationStore,
  readModelNames,
  SubjectRecordStore,
  type MongoConnection,
  type ReadModelNames,
} from '@ledger/mongo';
import { LedgerProjection } from './projection/ledger-projection';
import {
  CHECKPOINTS,
  DEAD_LETTERS,
  EVENT_CONSUMER,
  IDENTIFIER_INDEX,
  KAFKA,
  MONGO,
  PARTNER_TRANSFERS,
  READ_MODEL_NAMES,
  SUBJECT_RECORDS,
} from './tokens';

export const deadLetterTopic = (config: LedgerConfig): string => `${config.kafka.eventsTopic}.dlq`;

/** Starts consuming once every provider is ready; stops the consumer before closing the rest. */
@Injectable()
class ProjectorLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  constructor(
    @Inject(EVENT_CONSUMER) private readonly consumer: KafkaEventConsumer,
    @Inject(DEAD_LETTERS) private readonly deadLetters: KafkaDeadLetterQueue,
    @Inject(MONGO) private readonly mongo: MongoConnection,
    private readonly projection: LedgerProjection,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.deadLetters.connect();
    await this.consumer.start(this.projection);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.consumer.stop();
    await this.deadLetters.disconnect();
    await this.mongo.client.close();
  }
}

@Module({})
export class ProjectorModule {
  static forRoot(config: LedgerConfig): DynamicModule {
    const mongoStore = <T>(token: symbol, make: (mongo: MongoConnection, names: ReadModelNames) => T) => ({
      provide: token,
      inject: [MONGO, READ_MODEL_NAMES],
      useFactory: make,
    });
    return {
      module: ProjectorModule,
      imports: [LoggerModule.forRoot({ pinoHttp: { level: config.logLevel } })],
      providers: [
        { provide: MONGO, useFactory: () => createMongoConnection(config.mongo) },
        {
          // The live generation, read once: after a rebuild switches it, restart the projector.
          provide: READ_MODEL_NAMES,
          inject: [MONGO],
          useFactory: async (mongo: MongoConnection) =>
            readModelNames(await new ReadModelGenerationStore(mongo.db).active()),
        },
        mongoStore(SUBJECT_RECORDS, (mongo, names) => new SubjectRecordStore(mongo.db, names.subjects)),
        mongoStore(IDENTIFIER_INDEX, (mongo, names) => new IdentifierIndexStore(mongo.db, names.identifiers)),
        mongoStore(
          PARTNER_TRANSFERS,
          (mongo, names) => new PartnerTransferStore(mongo.db, names.partnerTransfers),
        ),
        mongoStore(
          CHECKPOINTS,
          (mongo, names) => new CheckpointStore(mongo.db, config.kafka.eventsTopic, names.checkpoints),
        ),
        {
          provide: KAFKA,
          useFactory: async () => {
            const kafka = createKafka(config.kafka);
            // The projector may start first; it must not wait for the API to create the topics.
            for (const topic of [config.kafka.eventsTopic, deadLetterTopic(config)]) {
              await ensureEventsTopic(kafka, { topic, partitions: config.kafka.topicPartitions });
            }
            return kafka;
          },
        },
        {
          provide: DEAD_LETTERS,
          inject: [KAFKA],
          useFactory: (kafka: Kafka) =>
            new KafkaDeadLetterQueue(kafka, deadLetterTopic(config), config.kafka.eventsTopic),
        },
        {
          provide: EVENT_CONSUMER,
          inject: [KAFKA],
          useFactory: (kafka: Kafka) =>
            new KafkaEventConsumer(kafka, {
              topic: config.kafka.eventsTopic,
              groupId: config.kafka.projectorGroupId,
              fromBeginning: true,
            }),
        },
        LedgerProjection,
        ProjectorLifecycle,
      ],
    };
  }
}
