import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import type { Admin, Kafka } from 'kafkajs';
import type { LedgerConfig } from '@ledger/config';
import { LedgerError } from '@ledger/domain';
import { deadLetterTopicOf, lastOffsetsWith } from '@ledger/kafka';
import { ProjectorHeartbeatStore, type MongoConnection } from '@ledger/mongo';
import { KAFKA, LEDGER_CONFIG, MONGO } from '../tokens';
import { ActiveReadModels } from './active-read-models';
import { CoalescedRead, within } from './coalesced-read';

/** How long one offsets or checkpoints read may take before the read side counts as unavailable. */
const READ_TIMEOUT_MS = 1500;
const POLL_INTERVAL_MS = 1000;
/** A projector that has not said it is alive for this long is not consuming. */
const PROJECTOR_SILENCE_MS = 10_000;

export interface PartitionLag {
  partition: number;
  logEnd: number;
  applied: number;
  /** Records the read model still has to apply. */
  behind: number;
  /** How long the partition has been behind (0 when caught up). */
  lagMs: number;
}

export interface ReadSideSnapshot {
  at: number;
  kafka: { status: 'up' | 'down'; error?: string };
  mongo: { status: 'up' | 'down'; error?: string };
  partitions: PartitionLag[];
  maxLagMs: number;
  projector: { status: 'up' | 'down'; lastSeenMsAgo?: number };
  deadLetters?: number;
}

/**
 * What the API knows of the read side: the log's end and the projector's checkpoints per
 * partition, through one long-lived admin client. Reads ask fresh values (coalesced); a poller
 * keeps a snapshot for /health and /metrics, so those answer at once whatever the broker does.
 */
@Injectable()
export class ReadSideStatus implements OnApplicationShutdown {
  private readonly logger = new Logger(ReadSideStatus.name);
  private admin: Promise<Admin> | undefined;
  private readonly logEnds: CoalescedRead<Map<number, number>>;
  private readonly checkpoints: CoalescedRead<Map<number, number>>;
  private readonly heartbeats: ProjectorHeartbeatStore;
  private snapshot: ReadSideSnapshot | undefined;
  private readonly behindSince = new Map<number, number>();
  private poller: NodeJS.Timeout | undefined;
  private polling: Promise<void> | undefined;
  private lastApplied: { generation: string; applied: Map<number, number> } | undefined;
  private lastLogEnds: Map<number, number> | undefined;

  constructor(
    @Inject(KAFKA) private readonly kafka: Kafka,
    @Inject(MONGO) mongo: MongoConnection,
    @Inject(LEDGER_CONFIG) private readonly config: LedgerConfig,
    private readonly readModels: ActiveReadModels,
  ) {
    this.heartbeats = new ProjectorHeartbeatStore(mongo.db);
    this.logEnds = new CoalescedRead(() =>
      this.fetchLogEnds(config.kafka.eventsTopic).then((ends) => {
        this.lastLogEnds = ends;
        return ends;
      }),
    );
    this.checkpoints = new CoalescedRead(() =>
      within(
        this.readModels.stores().then(async (stores) => {
          const applied = await stores.checkpoints.appliedOffsets();
          this.lastApplied = { generation: stores.generation, applied };
          return applied;
        }),
        READ_TIMEOUT_MS,
        () => new Error(`no answer within ${READ_TIMEOUT_MS} ms`),
      ),
    );
  }

  /**
   * The checkpoints as last read. Checkpoints only move forward, so a value read earlier is a
   * lower bound of the current one: when it already covers a target, no read is needed.
   */
  async appliedLowerBound(): Promise<Map<number, number> | undefined> {
    const last = this.lastApplied;
    if (!last) return undefined;
    return (await this.readModels.stores()).generation === last.generation ? last.applied : undefined;
  }

  /** The partitions the log had when last asked (undefined before the first answer). */
  knownPartitions(): ReadonlySet<number> | undefined {
    return this.lastLogEnds && this.lastLogEnds.size > 0 ? new Set(this.lastLogEnds.keys()) : undefined;
  }

  /** Starts the poller; /health reports "starting" until its first round. */
  start(): void {
    if (this.poller) return;
    const poll = () => {
      this.polling = this.poll()
        .catch((error: unknown) => this.logger.warn(`read-side poll failed: ${String(error)}`))
        .finally(() => {
          this.polling = undefined;
          if (this.poller) this.poller = setTimeout(poll, POLL_INTERVAL_MS);
        });
    };
    this.poller = setTimeout(poll, 0);
  }

  async onApplicationShutdown(): Promise<void> {
    clearTimeout(this.poller);
    this.poller = undefined;
    // A poll still in flight finishes (each of its reads is time-limited) before the client goes.
    await this.polling;
    const admin = this.admin;
    this.admin = undefined;
    await (await admin?.catch(() => undefined))?.disconnect().catch(() => undefined);
  }

  /** The last offset per partition, read after this call: every write acknowledged before it. */
  async logEnd(): Promise<Map<number, number>> {
    try {
      return await this.logEnds.get();
    } catch (error) {
      throw new LedgerError(
        'event_log_unavailable',
        'The event log cannot tell how far it goes, so no answer can be known to be current',
        { retryAfterSeconds: 2, cause: error instanceof Error ? error.message : String(error) },
      );
    }
  }

  /** The offset up to which the projector has applied each partition. */
  async applied(): Promise<Map<number, number>> {
    try {
      return await this.checkpoints.get();
    } catch {
      throw new LedgerError('read_side_unavailable', 'The read models cannot be reached', {
        retryAfterSeconds: 5,
      });
    }
  }

  /** The most recent snapshot, or undefined before the first poll. */
  current(): ReadSideSnapshot | undefined {
    return this.snapshot;
  }

  private async fetchLogEnds(topic: string): Promise<Map<number, number>> {
    const admin = this.connectedAdmin();
    try {
      return await within(
        admin.then((a) => lastOffsetsWith(a, topic)),
        READ_TIMEOUT_MS,
        () => new Error(`no answer from Kafka within ${READ_TIMEOUT_MS} ms`),
      );
    } catch (error) {
      // A stale connection must not keep failing: the next read starts a new admin client.
      if (this.admin === admin) this.admin = undefined;
      void admin.then((a) => a.disconnect()).catch(() => undefined);
      throw error;
    }
  }

  private connectedAdmin(): Promise<Admin> {
    if (this.admin === undefined) {
      // A couple of quick retries: kafkajs refreshes stale metadata (a topic just created) between them.
      const admin = this.kafka.admin({ retry: { retries: 2, initialRetryTime: 100, maxRetryTime: 400 } });
      this.admin = admin.connect().then(() => admin);
    }
    return this.admin;
  }

  private async poll(): Promise<void> {
    const now = Date.now();
    const [ends, applied, lastSeen, dlq] = await Promise.allSettled([
      this.logEnds.get(),
      this.checkpoints.get(),
      within(
        this.heartbeats.lastSeen(this.config.kafka.projectorGroupId),
        READ_TIMEOUT_MS,
        () => new Error('timeout'),
      ),
      this.connectedAdmin().then((admin) =>
        within(
          admin.fetchTopicOffsets(deadLetterTopicOf(this.config.kafka.eventsTopic)),
          READ_TIMEOUT_MS,
          () => new Error('timeout'),
        ),
      ),
    ]);
    const reason = (r: PromiseSettledResult<unknown>) =>
      r.status === 'rejected' ? (r.reason instanceof Error ? r.reason.message : String(r.reason)) : undefined;
    const partitions: PartitionLag[] = [];
    if (ends.status === 'fulfilled' && applied.status === 'fulfilled') {
      for (const [partition, logEnd] of ends.value) {
        const done = applied.value.get(partition) ?? -1;
        if (done >= logEnd) this.behindSince.delete(partition);
        else if (!this.behindSince.has(partition)) this.behindSince.set(partition, now);
        const since = this.behindSince.get(partition);
        partitions.push({
          partition,
          logEnd,
          applied: done,
          behind: Math.max(0, logEnd - done),
          lagMs: since === undefined ? 0 : now - since,
        });
      }
    }
    const seen = lastSeen.status === 'fulfilled' ? lastSeen.value : undefined;
    this.snapshot = {
      at: now,
      kafka: ends.status === 'fulfilled' ? { status: 'up' } : { status: 'down', error: reason(ends) },
      mongo: applied.status === 'fulfilled' ? { status: 'up' } : { status: 'down', error: reason(applied) },
      partitions: partitions.sort((a, b) => a.partition - b.partition),
      maxLagMs: this.config.limits.maxLagMs,
      projector:
        seen === undefined
          ? { status: 'down' }
          : {
              status: now - seen.getTime() <= PROJECTOR_SILENCE_MS ? 'up' : 'down',
              lastSeenMsAgo: Math.max(0, now - seen.getTime()),
            },
      ...(dlq.status === 'fulfilled'
        ? { deadLetters: dlq.value.reduce((sum, p) => sum + Number(p.high) - Number(p.low), 0) }
        : {}),
    };
  }
}
