import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import type { LedgerConfig } from '@ledger/config';
import { encodePositionToken, type IdentifierHasher } from '@ledger/contracts';
import { IDENTIFIER_HASHER, LEDGER_CONFIG } from '../tokens';
import {
  appliedPosition,
  identifierMarkKey,
  LedgerError,
  needsFullHistory,
  subjectMarkKey,
  withFullHistory,
  type HistoryEntry,
  type ReadModels,
  type SubjectRecord,
} from '@ledger/domain';
import { normalizeEmail, normalizePhone } from '../identifiers/normalize-identifiers';
import { ActiveReadModels } from './active-read-models';
import { MINIMIZE_LATENCY, type ConsistencyDto, type ReadConsistency } from './consistent-with';
import { failureForLog } from './failure-for-log';
import { PendingRestrictions, restrictiveWritePending, type StillPending } from './pending-restrictions';
import { ReadModelFreshness } from './read-model-freshness';

export interface SubjectRef {
  subjectId?: string;
  email?: string;
  phone?: string;
}

/** What a reference is looked up by: a subject id, or an identifier's key (`email:<keyed hash>`). */
export type SubjectKey = { subjectId: string } | { identifier: string };

export interface ResolvedSubject {
  /** Undefined when an email or phone matches nobody (or is still being linked: see pending). */
  subjectId: string | undefined;
  record: SubjectRecord | null;
  /**
   * A restrictive write about them acknowledged and not applied by the deadline: no answer can
   * be given about them yet (the offsets waited for, by partition); `record` is then null.
   */
  pending?: Map<number, number>;
}

/** A subject read at a consistency level, with what the answer says of its freshness. */
export interface SubjectRead extends ResolvedSubject {
  consistency: ConsistencyDto;
}

/** Whether reads wait for the subjects' pending restrictive writes (not after a full wait). */
export interface MarkWait {
  marks: boolean;
}

/**
 * Finds a subject by id, email or phone in the read models. Any failure to read is a 503, so a
 * caller can never mistake "could not look" for "nothing recorded" (fail closed).
 */
@Injectable()
export class SubjectReader implements OnApplicationBootstrap {
  private readonly logger = new Logger(SubjectReader.name);

  constructor(
    private readonly readModels: ActiveReadModels,
    @Inject(IDENTIFIER_HASHER) private readonly hasher: IdentifierHasher,
    private readonly freshness: ReadModelFreshness,
    private readonly restrictions: PendingRestrictions,
    @Inject(LEDGER_CONFIG) private readonly config: LedgerConfig,
  ) {}

  onApplicationBootstrap(): void {
    void this.inServedByIndex();
  }

  /**
   * A subject at a consistency level (minimize_latency unless told): what it waits for, then the
   * record, and the answer's freshness. 503 while a restrictive write about them is pending.
   */
  async read(
    ref: SubjectRef,
    asOf?: string,
    consistency: ReadConsistency = MINIMIZE_LATENCY,
  ): Promise<SubjectRead> {
    const key = this.keyOf(ref);
    await this.freshness.prepare(consistency);
    const resolved = await this.resolve(key, asOf, { marks: consistency.level !== 'full' });
    return { ...resolved, consistency: this.consistencyOf(consistency, resolved.record) };
  }

  /** What an answer about this record says of its freshness: the level, and the record's position. */
  consistencyOf({ level }: ReadConsistency, record: SubjectRecord | null): ConsistencyDto {
    const position = record ? appliedPosition(record) : undefined;
    return { level, position: position ? encodePositionToken(position) : null };
  }

  /**
   * The subject and its record, once its acknowledged restrictive writes are applied (503 if
   * they are not within LEDGER_MAX_LAG_MS). With `asOf`, a record that cannot answer for that
   * instant from what it retains comes with its full history (read from the history store).
   */
  async resolve(
    ref: SubjectRef | SubjectKey,
    asOf?: string,
    wait: MarkWait = { marks: true },
  ): Promise<ResolvedSubject> {
    const key = 'identifier' in ref ? ref : this.keyOf(ref);
    const [resolved] = await this.resolveMany([key], asOf, wait);
    if (resolved.pending) throw restrictiveWritePending(resolved.pending, this.config.limits.maxLagMs);
    return resolved;
  }

  /**
   * Many subjects at once, in the order asked: by `$in` where the server serves it from the
   * `_id` index, else by concurrent point reads. Each waits for its own pending restrictive
   * writes (and a lookup by identifier for a link to it in flight) until one deadline; one still
   * pending then comes back `pending`, the others answered.
   */
  async resolveMany(
    keys: SubjectKey[],
    asOf?: string,
    wait: MarkWait = { marks: true },
  ): Promise<ResolvedSubject[]> {
    const deadline = Date.now() + this.config.limits.maxLagMs;
    const settle = (markKeys: string[]) =>
      wait.marks
        ? this.restrictions.settle(markKeys, deadline)
        : Promise.resolve(new Map<string, Map<number, number>>());
    return this.readSide(async () => {
      const stores = await this.readModels.stores();
      const identifiers = [...new Set(keys.flatMap((k) => ('identifier' in k ? [k.identifier] : [])))];
      // Marks before what they guard: a mark cleared means the read models applied its write.
      const linking = await settle(identifiers.map(identifierMarkKey));
      const settled = identifiers.filter((identifier) => !linking.has(identifierMarkKey(identifier)));
      const owners =
        settled.length === 0 ? new Map<string, string>() : await stores.identifiers.owners(settled);
      const subjectIds = keys.map((k) => ('identifier' in k ? owners.get(k.identifier) : k.subjectId));
      const wanted = [...new Set(subjectIds.filter((id): id is string => id !== undefined))];
      const restricting = await settle(wanted.map(subjectMarkKey));
      const records = await stores.subjects.loadMany(
        wanted.filter((id) => !restricting.has(subjectMarkKey(id))),
      );
      // A subject asked for several times has its history read once.
      const complete = new Map(
        [...records].map(([id, record]) => [id, this.withHistoryFor(stores, record, asOf)] as const),
      );
      return Promise.all(
        keys.map(async (key, i): Promise<ResolvedSubject> => {
          const subjectId = subjectIds[i];
          const pending =
            'identifier' in key && linking.get(identifierMarkKey(key.identifier))
              ? linking.get(identifierMarkKey(key.identifier))
              : subjectId !== undefined
                ? restricting.get(subjectMarkKey(subjectId))
                : undefined;
          if (pending) return { subjectId, record: null, pending };
          return { subjectId, record: (await complete.get(subjectId ?? '')) ?? null };
        }),
      );
    });
  }

  /** Every event of a subject, in log order. */
  /** The subject's history in log order, entries `from` (included) to `to` (excluded); all by default. */
  async history(record: SubjectRecord, from = 0, to = record.eventCount): Promise<HistoryEntry[]> {
    return this.readSide(async () =>
      (await this.readModels.stores()).history.read(record.subjectId, Math.min(to, record.eventCount), from),
    );
  }

  /** How many subjects and identifier links there are (from metadata, no scan). */
  async sizes(): Promise<{ subjects: number; identifiers: number }> {
    return this.readSide(async () => {
      const stores = await this.readModels.stores();
      const [subjects, identifiers] = await Promise.all([
        stores.subjects.estimatedCount(),
        stores.identifiers.estimatedCount(),
      ]);
      return { subjects, identifiers };
    });
  }

  /** Waits (until one deadline) for every pending restrictive write; answers the marks still pending. */
  settleAllMarks(): Promise<StillPending> {
    return this.restrictions.settleAll(Date.now() + this.config.limits.maxLagMs);
  }

  /** Every subject record, in no particular order; a failure to read is a 503 like any other. */
  scanRecords(): AsyncGenerator<SubjectRecord> {
    return this.readSideScan((stores) => stores.subjects.scan());
  }

  /** Every identifier link, in no particular order. */
  scanIdentifiers(): AsyncGenerator<{ key: string; subjectId: string }> {
    return this.readSideScan((stores) => stores.identifiers.scan());
  }

  /** What a reference is looked up by; a malformed email or phone is a validation error. */
  keyOf(ref: SubjectRef): SubjectKey {
    const identifier = this.identifierKey(ref);
    return identifier === undefined ? { subjectId: ref.subjectId! } : { identifier };
  }

  private async withHistoryFor(
    stores: ReadModels,
    record: SubjectRecord | null,
    asOf: string | undefined,
  ): Promise<SubjectRecord | null> {
    if (!record || asOf === undefined || !needsFullHistory(record, asOf)) return record;
    return withFullHistory(record, await stores.history.read(record.subjectId, record.eventCount));
  }

  /** Whether the server reads many ids by one `$in` from its index (the stores detect it once). */
  async inServedByIndex(): Promise<boolean | undefined> {
    return (await this.readModels.stores().catch(() => undefined))?.subjects.servesIdSets();
  }

  private identifierKey(ref: SubjectRef): string | undefined {
    const given = [ref.subjectId, ref.email, ref.phone].filter((v) => v !== undefined).length;
    if (given !== 1) {
      throw new LedgerError('validation_failed', 'Give exactly one of subjectId, email, phone', {
        errors: [{ field: 'subject', problems: ['exactly one of subjectId, email, phone'] }],
      });
    }
    if (ref.email !== undefined) {
      const email = normalizeEmail(ref.email);
      if (email === undefined) throw this.invalid('subject.email', 'not a valid email address');
      return this.hasher.key('email', email);
    }
    if (ref.phone !== undefined) {
      const phone = normalizePhone(ref.phone);
      if (phone === undefined) throw this.invalid('subject.phone', 'not a valid phone number');
      return this.hasher.key('phone', phone);
    }
    return undefined;
  }

  private invalid(field: string, problem: string): LedgerError {
    return new LedgerError('validation_failed', problem, { errors: [{ field, problems: [problem] }] });
  }

  private async *readSideScan<T>(scan: (stores: ReadModels) => AsyncIterable<T>): AsyncGenerator<T> {
    try {
      yield* scan(await this.readModels.stores());
    } catch (error) {
      throw this.unavailable(error);
    }
  }

  private async readSide<T>(read: () => Promise<T>): Promise<T> {
    try {
      return await read();
    } catch (error) {
      throw this.unavailable(error);
    }
  }

  /** The caller gets a 503; the operator gets the cause, which the caller must not see. */
  private unavailable(error: unknown): LedgerError {
    if (error instanceof LedgerError) return error;
    this.logger.warn(`read side unavailable: ${failureForLog(error)}`);
    return new LedgerError('read_side_unavailable', 'The read models cannot be reached', {
      retryAfterSeconds: 5,
    });
  }
}
