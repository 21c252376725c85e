import {
  Inject,
  Injectable,
  Logger,
  Module,
  type DynamicModule,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import { LoggerModule } from 'nestjs-pino';
import { pinoHttpParams } from '@ledger/logging';
import type { Kafka } from 'kafkajs';
import type { LedgerConfig } from '@ledger/config';
import { DEFAULT_POLICY, SEED_DATA_CONTROLLER, SEED_POLICY_URL } from '@ledger/domain';
import { createKafka, ensureEventsTopic, KafkaEventLog, kafkaLogSink, withRetries } from '@ledger/kafka';
import {
  ApiKeyStore,
  createMongoConnection,
  MongoDataKeyStore,
  MongoIdempotencyStore,
  DecisionLogStore,
  PendingMarkStore,
  SigningKeyRegistry,
  type MongoConnection,
} from '@ledger/mongo';
import {
  ConsentReceiptIssuer,
  deriveKeys,
  eventSignerOf,
  IdentifierHasher,
  PersonalDataVault,
  type EventSigner,
} from '@ledger/contracts';
import { CreateApiKeyController } from './api-keys/create-api-key/create-api-key.controller';
import { RevokeApiKeyController } from './api-keys/revoke-api-key/revoke-api-key.controller';
import { ApiKeyGuard } from './auth/api-key.guard';
import { ApiKeyService } from './auth/api-key.service';
import { GiveConsentController } from './consents/give-consent/give-consent.controller';
import { WithdrawConsentController } from './consents/withdraw-consent/withdraw-consent.controller';
import { RecordContactController } from './contacts/record-contact/record-contact.controller';
import { ListDueRecordingsController } from './recordings/list-due-recordings/list-due-recordings.controller';
import { ListDueRecordingsHandler } from './recordings/list-due-recordings/list-due-recordings.handler';
import { EndRelationshipController } from './relationships/end-relationship/end-relationship.controller';
import { EndRelationshipHandler } from './relationships/end-relationship/end-relationship.handler';
import { EstablishRelationshipController } from './relationships/establish-relationship/establish-relationship.controller';
import { EstablishRelationshipHandler } from './relationships/establish-relationship/establish-relationship.handler';
import { RecordCookieChoicesController } from './cookies/record-cookie-choices/record-cookie-choices.controller';
import { DecideBatchController } from './decisions/decide-batch/decide-batch.controller';
import { DecideController } from './decisions/decide/decide.controller';
import { HealthController } from './health/health.controller';
import { WriteTimeLimitInterceptor } from './http/write-time-limit.interceptor';
import { LedgerMetrics } from './metrics/ledger-metrics';
import { MetricsController } from './metrics/metrics.controller';
import { AppendedEventFinder } from './read-side/appended-event-finder';
import { ReadSideStatus } from './read-side/read-side-status';
import { ObjectToRecordingController } from './calls/object-to-recording/object-to-recording.controller';
import { RecordCallOutcomeController } from './calls/record-call-outcome/record-call-outcome.controller';
import { StartCallController } from './calls/start-call/start-call.controller';
import { GetPartnerTransferController } from './partner-transfers/get-partner-transfer/get-partner-transfer.controller';
import { TransferToPartnerController } from './partner-transfers/transfer-to-partner/transfer-to-partner.controller';
import { SubjectReader } from './read-side/subject-reader';
import { GetSubjectHistoryController } from './subjects/get-subject-history/get-subject-history.controller';
import { GetSubjectStateController } from './subjects/get-subject-state/get-subject-state.controller';
import { RegisterOppositionController } from './oppositions/register-opposition/register-opposition.controller';
import { WithdrawOppositionController } from './oppositions/withdraw-opposition/withdraw-opposition.controller';
import { SetPreferencesController } from './preferences/set-preferences/set-preferences.controller';
import { ActiveReadModels } from './read-side/active-read-models';
import { ReadModelFreshness } from './read-side/read-model-freshness';
import { PendingRestrictions } from './read-side/pending-restrictions';
import { systemClock, uuidV7Generator, type Clock } from './runtime';
import { RegisterSubjectController } from './subjects/register-subject/register-subject.controller';
import { RegisterSubjectHandler } from './subjects/register-subject/register-subject.handler';
import { GiveConsentHandler } from './consents/give-consent/give-consent.handler';
import { WithdrawConsentHandler } from './consents/withdraw-consent/withdraw-consent.handler';
import { RecordContactHandler } from './contacts/record-contact/record-contact.handler';
import { RecordCookieChoicesHandler } from './cookies/record-cookie-choices/record-cookie-choices.handler';
import { ObjectToRecordingHandler } from './calls/object-to-recording/object-to-recording.handler';
import { RecordCallOutcomeHandler } from './calls/record-call-outcome/record-call-outcome.handler';
import { StartCallHandler } from './calls/start-call/start-call.handler';
import { TransferToPartnerHandler } from './partner-transfers/transfer-to-partner/transfer-to-partner.handler';
import { RegisterOppositionHandler } from './oppositions/register-opposition/register-opposition.handler';
import { WithdrawOppositionHandler } from './oppositions/withdraw-opposition/withdraw-opposition.handler';
import { SetPreferencesHandler } from './preferences/set-preferences/set-preferences.handler';
import { GetSubjectStateHandler } from './subjects/get-subject-state/get-subject-state.handler';
import { GetSubjectHistoryHandler } from './subjects/get-subject-history/get-subject-history.handler';
import { DecideHandler } from './decisions/decide/decide.handler';
import { DecideBatchHandler } from './decisions/decide-batch/decide-batch.handler';
import { ReceiveRightsRequestController } from './rights-requests/receive-rights-request/receive-rights-request.controller';
import { ReceiveRightsRequestHandler } from './rights-requests/receive-rights-request/receive-rights-request.handler';
import { ExtendRightsRequestController } from './rights-requests/extend-rights-request/extend-rights-request.controller';
import { ExtendRightsRequestHandler } from './rights-requests/extend-rights-request/extend-rights-request.handler';
import { CompleteRightsRequestController } from './rights-requests/complete-rights-request/complete-rights-request.controller';
import { CompleteRightsRequestHandler } from './rights-requests/complete-rights-request/complete-rights-request.handler';
import { RefuseRightsRequestController } from './rights-requests/refuse-rights-request/refuse-rights-request.controller';
import { RefuseRightsRequestHandler } from './rights-requests/refuse-rights-request/refuse-rights-request.handler';
import { ListRightsRequestsController } from './rights-requests/list-rights-requests/list-rights-requests.controller';
import { ListRightsRequestsHandler } from './rights-requests/list-rights-requests/list-rights-requests.handler';
import { RightsRequestStep } from './rights-requests/rights-request-step';
import { RestrictProcessingController } from './restrictions/restrict-processing/restrict-processing.controller';
import { RestrictProcessingHandler } from './restrictions/restrict-processing/restrict-processing.handler';
import { LiftRestrictionController } from './restrictions/lift-restriction/lift-restriction.controller';
import { LiftRestrictionHandler } from './restrictions/lift-restriction/lift-restriction.handler';
import {
  API_KEY_STORE,
  APPENDED_EVENTS,
  CLOCK,
  EVENT_LOG,
  ID_GENERATOR,
  IDEMPOTENCY_STORE,
  KAFKA,
  LEDGER_CONFIG,
  MONGO,
  POLICY,
  PERSONAL_DATA,
  IDENTIFIER_HASHER,
  EVENT_SIGNER,
  CONSENT_RECEIPTS,
  DECISION_LOG,
  SIGNING_KEYS,
  PENDING_MARKS,
} from './tokens';
import { EventWriter } from './writes/event-writer';
import { JwksController } from './proof/jwks/jwks.controller';
import { RecordDirectivesController } from './post-mortem-directives/record-directives/record-directives.controller';
import { RecordDirectivesHandler } from './post-mortem-directives/record-directives/record-directives.handler';
import { ExportSubjectController } from './subjects/export-subject/export-subject.controller';
import { ExportSchemaController } from './subjects/export-subject/export-schema.controller';
import { ExportSubjectHandler } from './subjects/export-subject/export-subject.handler';
import { GetPartnerTransferHandler } from './partner-transfers/get-partner-transfer/get-partner-transfer.handler';
import { EraseSubject } from './rights-requests/complete-rights-request/erase-subject';
import { PersonalDataReader } from './read-side/personal-data-reader';
import { ExplainDecisionController } from './decisions/explain-decision/explain-decision.controller';
import { FindSubjectController } from './subjects/find-subject/find-subject.controller';
import { FindSubjectHandler } from './subjects/find-subject/find-subject.handler';
import { ListPartnerTransfersController } from './partner-transfers/list-partner-transfers/list-partner-transfers.controller';
import { ListPartnerTransfersHandler } from './partner-transfers/list-partner-transfers/list-partner-transfers.handler';
import { ListSubjectDecisionsController } from './decisions/list-subject-decisions/list-subject-decisions.controller';
import { ListSubjectDecisionsHandler } from './decisions/list-subject-decisions/list-subject-decisions.handler';
import { CountChoicesController } from './statistics/count-choices/count-choices.controller';
import { CountChoicesHandler } from './statistics/count-choices/count-choices.handler';
import { ExplainDecisionHandler } from './decisions/explain-decision/explain-decision.handler';

/** The keys derived from the master key; the API refuses to start without one (loadConfig). */
function masterKeys(config: LedgerConfig) {
  return deriveKeys(requiredMasterKey(config));
}

function requiredMasterKey(config: LedgerConfig): Buffer {
  if (config.masterKey === undefined) throw new Error('LEDGER_MASTER_KEY is required');
  return config.masterKey;
}

@Injectable()
class ConnectionsLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  constructor(
    @Inject(EVENT_LOG) private readonly eventLog: KafkaEventLog,
    @Inject(MONGO) private readonly mongo: MongoConnection,
    private readonly readSide: ReadSideStatus,
  ) {}

  onApplicationBootstrap(): void {
    this.readSide.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.allSettled([this.eventLog.disconnect(), this.mongo.client.close()]);
  }
}

export interface LedgerApiOverrides {
  clock?: Clock;
}

@Module({})
export class LedgerApiModule {
  static forRoot(config: LedgerConfig, overrides: LedgerApiOverrides = {}): DynamicModule {
    const mongoStore = <T>(token: symbol, make: (mongo: MongoConnection) => T) => ({
      provide: token,
      inject: [MONGO],
      useFactory: make,
    });
    return {
      module: LedgerApiModule,
      imports: [
        LoggerModule.forRoot({
          pinoHttp: pinoHttpParams({
            level: config.logLevel,
            adminKey: config.adminKey,
            hashKey: config.logHashKey,
            ...(config.logFile !== undefined ? { file: config.logFile } : {}),
            pretty: process.stdout.isTTY === true,
          }),
        }),
      ],
      controllers: [
        HealthController,
        MetricsController,
        RegisterSubjectController,
        GiveConsentController,
        WithdrawConsentController,
        RegisterOppositionController,
        WithdrawOppositionController,
        SetPreferencesController,
        RecordContactController,
        EstablishRelationshipController,
        EndRelationshipController,
        RecordCookieChoicesController,
        CreateApiKeyController,
        RevokeApiKeyController,
        DecideController,
        DecideBatchController,
        StartCallController,
        RestrictProcessingController,
        RecordDirectivesController,
        LiftRestrictionController,
        ReceiveRightsRequestController,
        ExtendRightsRequestController,
        CompleteRightsRequestController,
        RefuseRightsRequestController,
        ListRightsRequestsController,
        ListDueRecordingsController,
        ObjectToRecordingController,
        RecordCallOutcomeController,
        TransferToPartnerController,
        GetPartnerTransferController,
        GetSubjectStateController,
        GetSubjectHistoryController,
        ExportSubjectController,
        ExportSchemaController,
        JwksController,
        ExplainDecisionController,
        FindSubjectController,
        ListPartnerTransfersController,
        CountChoicesController,
        ListSubjectDecisionsController,
      ],
      providers: [
        { provide: LEDGER_CONFIG, useValue: config },
        { provide: CLOCK, useValue: overrides.clock ?? systemClock },
        // The one place the API names its policy; everything else injects POLICY.
        { provide: POLICY, useValue: DEFAULT_POLICY },
        { provide: ID_GENERATOR, useValue: uuidV7Generator },
        {
          provide: KAFKA,
          useFactory: () => createKafka(config.kafka, kafkaLogSink(new Logger('kafka'))),
        },
        {
          provide: EVENT_LOG,
          inject: [KAFKA, LedgerMetrics],
          useFactory: async (kafka: Kafka, metrics: LedgerMetrics) => {
            const logger = new Logger('EventLog');
            // A broker still starting (topic being created, leader being elected) is waited for.
            await withRetries(
              `creating topic ${config.kafka.eventsTopic}`,
              () =>
                ensureEventsTopic(kafka, {
                  topic: config.kafka.eventsTopic,
                  partitions: config.kafka.topicPartitions,
                  replicationFactor: config.kafka.replicationFactor,
                  minInsyncReplicas: config.kafka.minInsyncReplicas,
                }),
              { onRetry: (message) => logger.warn(message) },
            );
            const eventLog = new KafkaEventLog(
              kafka,
              config.kafka.eventsTopic,
              config.limits.writeTimeoutMs,
              (error) => {
                metrics.producerErrors.inc();
                logger.warn(`append not acknowledged, producer replaced: ${String(error)}`);
              },
            );
            await withRetries('connecting the producer', () => eventLog.connect(), {
              onRetry: (message) => logger.warn(message),
            });
            return eventLog;
          },
        },
        { provide: MONGO, useFactory: () => createMongoConnection(config.mongo) },
        mongoStore(API_KEY_STORE, (mongo) => new ApiKeyStore(mongo.db)),
        mongoStore(IDEMPOTENCY_STORE, (mongo) => new MongoIdempotencyStore(mongo.db)),
        mongoStore(DECISION_LOG, (mongo) => new DecisionLogStore(mongo.db)),
        mongoStore(SIGNING_KEYS, (mongo) => new SigningKeyRegistry(mongo.db)),
        mongoStore(PENDING_MARKS, (mongo) => new PendingMarkStore(mongo.db)),
        mongoStore(
          PERSONAL_DATA,
          (mongo) => new PersonalDataVault(new MongoDataKeyStore(mongo.db), masterKeys(config).wrapping),
        ),
        {
          provide: IDENTIFIER_HASHER,
          useFactory: () => new IdentifierHasher(masterKeys(config).identifiers),
        },
        { provide: EVENT_SIGNER, useFactory: () => eventSignerOf(config) },
        {
          provide: CONSENT_RECEIPTS,
          inject: [EVENT_SIGNER],
          useFactory: (signer: EventSigner) =>
            new ConsentReceiptIssuer(signer, requiredMasterKey(config), {
              controller: SEED_DATA_CONTROLLER,
              policyUrl: SEED_POLICY_URL,
              jurisdiction: 'FR',
              language: 'fr',
              issuer: 'urn:consent-ledger',
            }),
        },
        ConnectionsLifecycle,
        ReadSideStatus,
        LedgerMetrics,
        { provide: APPENDED_EVENTS, useClass: AppendedEventFinder },
        ApiKeyService,
        { provide: APP_GUARD, useClass: ApiKeyGuard },
        { provide: APP_INTERCEPTOR, useClass: WriteTimeLimitInterceptor },
        EventWriter,
        ReadModelFreshness,
        PendingRestrictions,
        SubjectReader,
        PersonalDataReader,
        ActiveReadModels,
        RegisterSubjectHandler,
        ExplainDecisionHandler,
        FindSubjectHandler,
        ListPartnerTransfersHandler,
        CountChoicesHandler,
        ListSubjectDecisionsHandler,
        RestrictProcessingHandler,
        RecordDirectivesHandler,
        LiftRestrictionHandler,
        RightsRequestStep,
        ReceiveRightsRequestHandler,
        ExtendRightsRequestHandler,
        CompleteRightsRequestHandler,
        EraseSubject,
        RefuseRightsRequestHandler,
        ListRightsRequestsHandler,
        ListDueRecordingsHandler,
        EstablishRelationshipHandler,
        EndRelationshipHandler,
        GetSubjectStateHandler,
        GetSubjectHistoryHandler,
        ExportSubjectHandler,
        DecideHandler,
        DecideBatchHandler,
        GiveConsentHandler,
        WithdrawConsentHandler,
        RecordContactHandler,
        RecordCookieChoicesHandler,
        ObjectToRecordingHandler,
        RecordCallOutcomeHandler,
        StartCallHandler,
        TransferToPartnerHandler,
        GetPartnerTransferHandler,
        RegisterOppositionHandler,
        WithdrawOppositionHandler,
        SetPreferencesHandler,
      ],
    };
  }
}
