import {
  Inject,
  Injectable,
  Logger,
  Module,
  type DynamicModule,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { pinoHttpParams } from '@ledger/logging';
import type { Kafka } from 'kafkajs';
import type { LedgerConfig } from '@ledger/config';
import {
  checkpointTopicOf,
  createKafka,
  deadLetterTopicOf,
  KafkaCheckpointLog,
  ensureEventsTopic,
  KafkaDeadLetterQueue,
  kafkaLogSink,
  withRetries,
} from '@ledger/kafka';
import {
  createMongoConnection,
  MongoErasure,
  openReadModels,
  PendingMarkStore,
  ProjectorHeartbeatStore,
  ReadModelGenerationStore,
  SigningKeyRefused,
  SigningKeyRegistry,
  type MongoConnection,
} from '@ledger/mongo';
import { LedgerProjection } from './projection/ledger-projection';
import { ProjectionController } from './projection/projection.controller';
import { CheckpointSigner } from './checkpoints/checkpoint-signer';
import { PendingMarkSweeper } from './freshness/pending-mark-sweeper';
import {
  CHECKPOINT_LOG,
  DEAD_LETTERS,
  ERASURE,
  IDENTIFIER_HASHER,
  KAFKA,
  LEDGER_CONFIG,
  MONGO,
  PENDING_MARKS,
  READ_MODELS,
} from './tokens';
import { identifierHasher } from './projection/identifier-hasher';
import type { ReadModels } from '@ledger/domain';
import { eventSignerOf } from '@ledger/contracts';

const HEARTBEAT_INTERVAL_MS = 2000;

/**
 * Once every provider is ready (retrying what a broker still starting up refuses), connects the
 * dead-letter producer and says the projector is alive every two seconds; closes them last, after
 * the transport has stopped consuming.
 */
@Injectable()
class ProjectorLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Projector');
  private heartbeat: NodeJS.Timeout | undefined;

  constructor(
    @Inject(DEAD_LETTERS) private readonly deadLetters: KafkaDeadLetterQueue,
    @Inject(MONGO) private readonly mongo: MongoConnection,
    @Inject(LEDGER_CONFIG) private readonly config: LedgerConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const onRetry = (message: string) => this.logger.warn(message);
    // Before consuming: verifying with another key than the API signs with would dead-letter every write.
    const kid = eventSignerOf(this.config).jwk.kid;
    await withRetries('checking the signing key', () => new SigningKeyRegistry(this.mongo.db).ensure(kid), {
      onRetry,
    }).catch((error: unknown) => {
      if (error instanceof SigningKeyRefused) this.logger.error(`ALERT ${error.message}`);
      throw error;
    });
    await withRetries('connecting to the dead-letter topic', () => this.deadLetters.connect(), { onRetry });
    const heartbeats = new ProjectorHeartbeatStore(this.mongo.db);
    const beat = () =>
      void heartbeats
        .beat(this.config.kafka.projectorGroupId, new Date())
        .catch((error: unknown) => this.logger.warn(`heartbeat not recorded: ${String(error)}`));
    beat();
    this.heartbeat = setInterval(beat, HEARTBEAT_INTERVAL_MS);
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.heartbeat);
    await this.deadLetters.disconnect();
    await this.mongo.client.close();
  }
}

@Module({})
export class ProjectorModule {
  static forRoot(config: LedgerConfig): DynamicModule {
    const deadLetterTopic = deadLetterTopicOf(config.kafka.eventsTopic);
    const checkpointTopic = checkpointTopicOf(config.kafka.eventsTopic);
    return {
      module: ProjectorModule,
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
      controllers: [ProjectionController],
      providers: [
        { provide: LEDGER_CONFIG, useValue: config },
        { provide: MONGO, useFactory: () => createMongoConnection(config.mongo) },
        {
          // The live generation, read once: after a rebuild switches it, restart the projector.
          provide: READ_MODELS,
          inject: [MONGO],
          useFactory: async (mongo: MongoConnection) =>
            openReadModels(
              mongo.db,
              config.kafka.eventsTopic,
              await new ReadModelGenerationStore(mongo.db).active(),
            ),
        },
        {
          provide: KAFKA,
          useFactory: async () => {
            const logger = new Logger('kafka');
            const kafka = createKafka(config.kafka, kafkaLogSink(logger));
            // The projector may start first; it must not wait for the API to create the topics.
            for (const topic of [config.kafka.eventsTopic, deadLetterTopic, checkpointTopic]) {
              await withRetries(
                `creating topic ${topic}`,
                () =>
                  ensureEventsTopic(kafka, {
                    topic,
                    // Signed checkpoints are few: one partition keeps them in one order.
                    partitions: topic === checkpointTopic ? 1 : config.kafka.topicPartitions,
                    replicationFactor: config.kafka.replicationFactor,
                    minInsyncReplicas: config.kafka.minInsyncReplicas,
                  }),
                { onRetry: (message) => logger.warn(message) },
              );
            }
            return kafka;
          },
        },
        {
          provide: DEAD_LETTERS,
          inject: [KAFKA],
          useFactory: (kafka: Kafka) =>
            new KafkaDeadLetterQueue(kafka, deadLetterTopic, config.kafka.eventsTopic),
        },
        {
          provide: ERASURE,
          inject: [MONGO, READ_MODELS],
          useFactory: (mongo: MongoConnection, models: ReadModels) =>
            new MongoErasure(mongo.db, models.generation),
        },
        { provide: IDENTIFIER_HASHER, useFactory: () => identifierHasher(config) },
        {
          provide: CHECKPOINT_LOG,
          inject: [KAFKA],
          useFactory: (kafka: Kafka) => new KafkaCheckpointLog(kafka, checkpointTopic),
        },
        {
          provide: PENDING_MARKS,
          inject: [MONGO],
          useFactory: (mongo: MongoConnection) => new PendingMarkStore(mongo.db),
        },
        PendingMarkSweeper,
        CheckpointSigner,
        LedgerProjection,
        ProjectorLifecycle,
      ],
    };
  }
}
