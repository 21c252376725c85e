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
  createKafka,
  deadLetterTopicOf,
  ensureEventsTopic,
  KafkaDeadLetterQueue,
  KafkaEventConsumer,
  kafkaLogSink,
  withRetries,
} from '@ledger/kafka';
import {
  AppliedEventStore,
  CheckpointStore,
  createMongoConnection,
  IdentifierIndexStore,
  PartnerTransferStore,
  ProjectorHeartbeatStore,
  ReadModelGenerationStore,
  readModelNames,
  SubjectHistoryStore,
  SubjectRecordStore,
  type MongoConnection,
  type ReadModelNames,
} from '@ledger/mongo';
import { LedgerProjection } from './projection/ledger-projection';
import {
  APPLIED_EVENTS,
  CHECKPOINTS,
  DEAD_LETTERS,
  EVENT_CONSUMER,
  IDENTIFIER_INDEX,
  KAFKA,
  LEDGER_CONFIG,
  MONGO,
  PARTNER_TRANSFERS,
  READ_MODEL_NAMES,
  SUBJECT_HISTORY,
  SUBJECT_RECORDS,
} from './tokens';

export const deadLetterTopic = (config: LedgerConfig): string => deadLetterTopicOf(config.kafka.eventsTopic);

const HEARTBEAT_INTERVAL_MS = 2000;

/**
 * Starts consuming once every provider is ready (retrying what a broker still starting up
 * refuses); stops the consumer before closing the rest. Says it is alive every two seconds.
 */
@Injectable()
class ProjectorLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Projector');
  private heartbeat: NodeJS.Timeout | undefined;

  constructor(
    @Inject(EVENT_CONSUMER) private readonly consumer: KafkaEventConsumer,
    @Inject(DEAD_LETTERS) private readonly deadLetters: KafkaDeadLetterQueue,
    @Inject(MONGO) private readonly mongo: MongoConnection,
    @Inject(LEDGER_CONFIG) private readonly config: LedgerConfig,
    private readonly projection: LedgerProjection,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const onRetry = (message: string) => this.logger.warn(message);
    await withRetries('connecting to the dead-letter topic', () => this.deadLetters.connect(), { onRetry });
    const heartbeats = new ProjectorHeartbeatStore(this.mongo.db);
    const beat = () =>
      void heartbeats
        .beat(this.config.kafka.projectorGroupId, new Date())
        .catch((error: unknown) => this.logger.warn(`heartbeat not recorded: ${String(error)}`));
    beat();
    this.heartbeat = setInterval(beat, HEARTBEAT_INTERVAL_MS);
    await withRetries('starting the consumer', () => this.consumer.start(this.projection), { onRetry });
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.heartbeat);
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
        { provide: MONGO, useFactory: () => createMongoConnection(config.mongo) },
        {
          // The live generation, read once: after a rebuild switches it, restart the projector.
          provide: READ_MODEL_NAMES,
          inject: [MONGO],
          useFactory: async (mongo: MongoConnection) =>
            readModelNames(await new ReadModelGenerationStore(mongo.db).active()),
        },
        mongoStore(SUBJECT_RECORDS, (mongo, names) => new SubjectRecordStore(mongo.db, names.subjects)),
        mongoStore(
          SUBJECT_HISTORY,
          (mongo, names) => new SubjectHistoryStore(mongo.db, names.subjectHistory),
        ),
        mongoStore(APPLIED_EVENTS, (mongo, names) => new AppliedEventStore(mongo.db, names.appliedEvents)),
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
            const logger = new Logger('kafka');
            const kafka = createKafka(config.kafka, kafkaLogSink(logger));
            // The projector may start first; it must not wait for the API to create the topics.
            for (const topic of [config.kafka.eventsTopic, deadLetterTopic(config)]) {
              await withRetries(
                `creating topic ${topic}`,
                () =>
                  ensureEventsTopic(kafka, {
                    topic,
                    partitions: config.kafka.topicPartitions,
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
            new KafkaDeadLetterQueue(kafka, deadLetterTopic(config), config.kafka.eventsTopic),
        },
        {
          provide: EVENT_CONSUMER,
          inject: [KAFKA],
          useFactory: (kafka: Kafka) => {
            const logger = new Logger('Projector');
            return new KafkaEventConsumer(kafka, {
              topic: config.kafka.eventsTopic,
              groupId: config.kafka.projectorGroupId,
              fromBeginning: true,
              sessionTimeoutMs: config.kafka.projectorSessionTimeoutMs,
              onRetry: (error, attempt) =>
                logger.warn(`batch not applied (attempt ${attempt}), retrying: ${String(error)}`),
              // A consumer that stopped for good must not leave a process that looks alive.
              onCrash: (error) => {
                logger.error(`consumer crashed, exiting so the supervisor restarts it: ${String(error)}`);
                process.exitCode = 1;
                setTimeout(() => process.exit(1), 100).unref();
              },
            });
          },
        },
        LedgerProjection,
        ProjectorLifecycle,
      ],
    };
  }
}
