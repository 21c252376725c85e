import { Inject, Injectable, Logger } from '@nestjs/common';
import { v7 as uuidv7 } from 'uuid';
import type { LedgerConfig } from '@ledger/config';
import {
  caughtUp,
  cookieConsentToLapse,
  lapseCookieConsent,
  expireSubject,
  MarkingEventLog,
  retentionExpiry,
  suppressionOf,
  type EventLog,
  type Policy,
  type ReadModels,
} from '@ledger/domain';
import {
  MongoIdempotencyStore,
  DecisionLogStore,
  PendingMarkStore,
  SigningKeyRegistry,
  openReadModels,
  ReadModelGenerationStore,
  type MongoConnection,
} from '@ledger/mongo';
import { CLOCK, EVENT_LOG, EVENT_SIGNER, KAFKA, LEDGER_CONFIG, MONGO, POLICY, type Clock } from '../tokens';
import type { EventSigner } from '@ledger/contracts';
import type { Kafka } from 'kafkajs';
import { lastOffsets } from '@ledger/kafka';
import { RetentionMetrics } from './retention-metrics';

const DAY_MS = 86_400_000;
/** Rights requests due within this many days are flagged (as on the DPO's board). */
const DUE_SOON_DAYS = 7;
const PAGE = 500;
/** How long a sweep waits for the projector to reach the log's end before giving up until the next. */
const CATCH_UP_MS = 60_000;

export interface SweepReport {
  at: string;
  expired: string[];
  recordingsPastDestroyBy: number;
  cookieChoicesLapsed: number;
  idempotencyPurged: number;
  /** Logged decisions past LEDGER_DECISION_LOG_KEEP_DAYS, deleted. */
  decisionsPurged: number;
  rightsRequests: { overdue: number; dueSoon: number };
}

/**
 * One pass of retention over the live read models. Decisions never wait for it (an expired
 * prospect or cookie consent is refused by the policy at decision time): it purges what is
 * past its time and tells the DPO what is about to be.
 */
@Injectable()
export class RetentionSweep {
  private readonly logger = new Logger(RetentionSweep.name);

  constructor(
    @Inject(LEDGER_CONFIG) private readonly config: LedgerConfig,
    @Inject(MONGO) private readonly mongo: MongoConnection,
    @Inject(EVENT_LOG) log: EventLog,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(POLICY) private readonly policy: Policy,
    @Inject(KAFKA) private readonly kafka: Kafka,
    @Inject(EVENT_SIGNER) private readonly signer: EventSigner,
    private readonly metrics: RetentionMetrics,
  ) {
    this.signingKeys = new SigningKeyRegistry(mongo.db);
    // An expiry is restrictive: marked before the sweep goes on, as every writer's is.
    this.log = new MarkingEventLog(log, new PendingMarkStore(mongo.db));
  }

  private readonly log: EventLog;

  private readonly signingKeys: SigningKeyRegistry;

  async run(): Promise<SweepReport> {
    const at = this.clock.now().toISOString();
    // Its expiries and lapses are signed: with another key than the ledger's they would be dead-lettered.
    await this.signingKeys.ensure(this.signer.jwk.kid);
    const models = openReadModels(
      this.mongo.db,
      this.config.kafka.eventsTopic,
      await new ReadModelGenerationStore(this.mongo.db).active(),
    );
    // Decided from the read models: they must hold everything in the log when the sweep starts,
    // or a consent still being projected could be expired away (the projector also refuses a
    // stale expiry), and a lapse recorded by the last sweep be recorded again.
    await this.untilCaughtUp(models);
    const { expired, cookieChoicesLapsed } = await this.expireProspects(models, at);
    const report: SweepReport = {
      at,
      expired,
      cookieChoicesLapsed,
      recordingsPastDestroyBy: await this.count(
        (cursor) => models.recordings.dueBefore(at, PAGE, cursor),
        'due',
      ),
      idempotencyPurged: await new MongoIdempotencyStore(this.mongo.db).purgeOlderThan(
        new Date(Date.parse(at) - this.config.retention.idempotencyKeepDays * DAY_MS).toISOString(),
      ),
      decisionsPurged: await new DecisionLogStore(this.mongo.db).purgeExpired(at),
      rightsRequests: await this.deadlines(models, at),
    };
    this.metrics.subjectsExpired.inc(expired.length);
    this.metrics.idempotencyPurged.inc(report.idempotencyPurged);
    this.metrics.decisionsPurged.inc(report.decisionsPurged);
    this.metrics.cookieConsentsLapsed.inc(cookieChoicesLapsed);
    this.metrics.recordingsPastDestroyBy.set(report.recordingsPastDestroyBy);
    this.metrics.rightsRequests.set({ urgency: 'overdue' }, report.rightsRequests.overdue);
    this.metrics.rightsRequests.set({ urgency: 'due_soon' }, report.rightsRequests.dueSoon);
    this.metrics.lastSweep.set(Date.parse(at) / 1000);
    const { overdue, dueSoon } = report.rightsRequests;
    const line = `retention sweep at ${at}: ${expired.length} prospect(s) expired, ${report.recordingsPastDestroyBy} recording(s) past destroy-by, ${cookieChoicesLapsed} cookie consent(s) lapsed, ${report.idempotencyPurged} idempotency record(s) and ${report.decisionsPurged} logged decision(s) purged; rights requests: ${overdue} overdue, ${dueSoon} due within ${DUE_SOON_DAYS} days`;
    if (overdue > 0 || report.recordingsPastDestroyBy > 0) this.logger.warn(line);
    else this.logger.log(line);
    return report;
  }

  /** Each prospect past retention gets SubjectExpired (the projector purges as for an erasure). */
  private async expireProspects(models: ReadModels, at: string) {
    const expired: string[] = [];
    let cookieChoicesLapsed = 0;
    for await (const record of models.subjects.scan()) {
      if (record.erasedAt !== undefined) continue;
      const from = {
        subjectId: record.subjectId,
        actor: { type: 'system' as const, id: 'retention' },
        source: { collectionPoint: 'retention', method: 'api' as const, client: 'retention' },
      };
      const expiry = retentionExpiry(this.policy, record, at);
      const lapse = expiry ? undefined : cookieConsentToLapse(this.policy, record, at);
      if (lapse) {
        await this.log.append(
          this.signer.sign(lapseCookieConsent({ ...from, ...lapse }, { eventId: uuidv7(), now: at })),
        );
        cookieChoicesLapsed++;
      }
      if (!expiry) continue;
      const event = expireSubject(
        {
          ...from,
          lastOwnActivityAt: expiry.lastOwnActivity.occurredAt,
          retentionMonths: expiry.retentionMonths,
          suppression: suppressionOf(record),
        },
        { eventId: uuidv7(), now: at },
      );
      await this.log.append(this.signer.sign(event));
      expired.push(record.subjectId);
    }
    return { expired, cookieChoicesLapsed };
  }

  private async untilCaughtUp(models: ReadModels): Promise<void> {
    const targets = await lastOffsets(this.kafka, this.config.kafka.eventsTopic);
    const deadline = Date.now() + CATCH_UP_MS;
    while (!caughtUp(await models.checkpoints.appliedOffsets(), targets)) {
      if (Date.now() > deadline) {
        throw new Error(`the read models are behind the log after ${CATCH_UP_MS / 1000} s: sweep skipped`);
      }
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }

  private async deadlines(models: ReadModels, at: string) {
    const dueBy = (days: number) =>
      this.count(
        (cursor) =>
          models.rightsRequests
            .list(
              { status: 'open', dueBy: new Date(Date.parse(at) + days * DAY_MS).toISOString() },
              PAGE,
              cursor,
            )
            .then(({ requests, next }) => ({ rows: requests, next })),
        'rows',
      );
    const overdue = await dueBy(0);
    return { overdue, dueSoon: (await dueBy(DUE_SOON_DAYS)) - overdue };
  }

  /** How many rows a paged list holds, a page at a time. */
  private async count<K extends string>(
    page: (cursor?: string) => Promise<Record<K, unknown[]> & { next?: string }>,
    key: K,
  ): Promise<number> {
    let total = 0;
    let cursor: string | undefined;
    do {
      const found = await page(cursor);
      total += found[key].length;
      cursor = found.next;
    } while (cursor !== undefined);
    return total;
  }
}
