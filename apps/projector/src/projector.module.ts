import {
  Inject,
  Injectable,
  Module,
  type DynamicModule,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import type { LedgerConfig } from '@ledger/config';
import { createKafka, ensureEventsTopic, KafkaEventConsumer } from '@ledger/kafka';
import {
  CheckpointStore,
  createMongoConnection,
  IdentifierIndexStore,
  SubjectSummaryStore,
  type MongoConnection,
} from '@ledger/mongo';
import { LedgerProjection } from './projection/ledger-projection';
import { CHECKPOINTS, EVENT_CONSUMER, IDENTIFIER_INDEX, MONGO, SUBJECT_SUMMARIES } from './tokens';

/** Starts consuming once every provider is ready; stops the consumer before closing Mongo. */
@Injectable()
class ProjectorLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  constructor(
    @Inject(EVENT_CONSUMER) private readonly consumer: KafkaEventConsumer,
    @Inject(MONGO) private readonly mongo: MongoConnection,
    private readonly projection: LedgerProjection,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.consumer.start(this.projection);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.consumer.stop();
    await this.mongo.client.close();
  }
}

@Module({})
export class ProjectorModule {
  static forRoot(config: LedgerConfig): DynamicModule {
    return {
      module: ProjectorModule,
      imports: [LoggerModule.forRoot({ pinoHttp: { level: config.logLevel } })],
      providers: [
        { provide: MONGO, useFactory: () => createMongoConnection(config.mongo) },
        {
          provide: SUBJECT_SUMMARIES,
          inject: [MONGO],
          useFactory: (mongo: MongoConnection) => new SubjectSummaryStore(mongo.db),
        },
        {
          provide: IDENTIFIER_INDEX,
          inject: [MONGO],
          useFactory: (mongo: MongoConnection) => new IdentifierIndexStore(mongo.db),
        },
        {
          provide: CHECKPOINTS,
          inject: [MONGO],
          useFactory: (mongo: MongoConnection) => new CheckpointStore(mongo.db, config.kafka.eventsTopic),
        },
        {
          provide: EVENT_CONSUMER,
          useFactory: async () => {
            const kafka = createKafka(config.kafka);
            // The projector may start first; it must not wait for the API to create the topic.
            await ensureEventsTopic(kafka, {
              topic: config.kafka.eventsTopic,
              partitions: config.kafka.topicPartitions,
            });
            return new KafkaEventConsumer(kafka, {
              topic: config.kafka.eventsTopic,
              groupId: config.kafka.projectorGroupId,
              fromBeginning: true,
            });
          },
        },
        LedgerProjection,
        ProjectorLifecycle,
      ],
    };
  }
}
