import { EventSigner, PersonalDataVault } from '@ledger/contracts';
import { InMemoryDataKeys } from '@ledger/testing';
import { SigningKeyRefused, type SigningKeyRegistry } from '@ledger/mongo';
import type { LedgerConfig } from '@ledger/config';
import {
  giveConsent,
  registerOpposition,
  type EventLog,
  type LedgerEvent,
  type LogPosition,
  type PendingMark,
  type PendingMarks,
  withdrawConsent,
} from '@ledger/domain';
import type { ReadModelFreshness } from '../read-side/read-model-freshness';
import type { IdempotencyRecord, IdempotencyStore } from '@ledger/domain';
import { EventWriter } from './event-writer';
import type { WriteContext } from './write-context';

/** In-memory stand-ins: this spec is about the writer's protocol, not about Kafka or Mongo. */
class MemoryIdempotency {
  readonly records = new Map<string, IdempotencyRecord>();
  async claim(record: IdempotencyRecord) {
    const existing = this.records.get(record.key);
    if (existing) return { claimed: false as const, existing: { ...existing } };
    this.records.set(record.key, { ...record });
    return { claimed: true as const };
  }
  async find(key: string) {
    const record = this.records.get(key);
    return record ? { ...record } : null;
  }
  async complete(key: string, position: string) {
    this.records.get(key)!.position = position;
  }
}

class MemoryLog implements EventLog {
  readonly appended: LedgerEvent[] = [];
  failNext = false;
  async append(event: LedgerEvent): Promise<LogPosition> {
    if (this.failNext) {
      this.failNext = false;
      throw new Error('broker unreachable');
    }
    this.appended.push(event);
    return { partition: 0, offset: String(this.appended.length - 1) };
  }
}

/** Marks left, in order; `failNext` plays the database refusing one after the append. */
class MemoryMarks {
  readonly left: PendingMark[] = [];
  failNext = false;
  async leave(marks: PendingMark[]) {
    if (this.failNext) {
      this.failNext = false;
      throw new Error('database unreachable');
    }
    this.left.push(...marks);
  }
}

const provenanceOf = (method: 'api' | 'phone_call') => ({
  subjectId: 's-1',
  actor: { type: 'subject' as const },
  source: { collectionPoint: 'test', method, client: 'crm' },
});

const event = (id: string, recordedAt: string): LedgerEvent => ({
  id,
  type: 'ConsentGiven',
  schemaVersion: 1,
  subjectId: 's-1',
  occurredAt: recordedAt,
  recordedAt,
  actor: { type: 'system' },
  source: { collectionPoint: 'api', method: 'api', client: 'crm' },
  data: { purpose: 'prospecting', channels: ['email'] },
});

describe('EventWriter with an Idempotency-Key', () => {
  let now: Date;
  let log: MemoryLog;
  let store: MemoryIdempotency;
  let marks: MemoryMarks;
  let writer: EventWriter;
  const write: WriteContext = {
    principal: { keyId: 'k1', name: 'crm', scopes: ['events:write'] },
    idempotencyKey: 'key-1',
    requestHash: 'hash-1',
  };

  // Whether the read model already holds the event: none does here, except where a test says so.
  const appended = {
    positionOf: jest.fn(async (_event: LedgerEvent): Promise<LogPosition | undefined> => undefined),
  };

  // The read model's wait, for events applied before the answer.
  const freshness = { waitForToken: jest.fn(async (_token: string) => undefined) };

  // The ledger's recorded signing key: this writer's, except where a test says another process's.
  let ledgerKey: string | undefined;
  const signingKeys = {
    ensure: async (kid: string) => {
      if (ledgerKey !== undefined && ledgerKey !== kid) throw new SigningKeyRefused(kid, ledgerKey, 'then');
    },
  };

  beforeEach(() => {
    ledgerKey = undefined;
    appended.positionOf.mockClear();
    freshness.waitForToken.mockClear();
    now = new Date('2026-06-01T12:00:00.000Z');
    log = new MemoryLog();
    store = new MemoryIdempotency();
    marks = new MemoryMarks();
    let n = 0;
    writer = new EventWriter(
      log,
      marks as unknown as PendingMarks,
      store as unknown as IdempotencyStore,
      { now: () => now },
      { eventId: () => `generated-${++n}` },
      { limits: { maxClockSkewMs: 60_000 } } as LedgerConfig,
      appended,
      new PersonalDataVault(new InMemoryDataKeys(), Buffer.alloc(32, 1)),
      new EventSigner(Buffer.alloc(32, 2)),
      signingKeys as unknown as SigningKeyRegistry,
      freshness as unknown as ReadModelFreshness,
    );
  });

  it('records through one pipeline, waiting for the read model only where the domain says so', async () => {
    const viaApi = await writer.record(
      (context) =>
        giveConsent({ ...provenanceOf('api'), purpose: 'prospecting', channels: ['email'] }, context),
      { ...write, idempotencyKey: 'k-api' },
    );
    expect(viaApi.eventId).toBe('generated-1');
    expect(freshness.waitForToken).not.toHaveBeenCalled();
    const duringCall = await writer.record(
      (context) =>
        registerOpposition(
          { ...provenanceOf('phone_call'), purpose: 'call_recording_quality', channels: ['phone'] },
          context,
        ),
      { ...write, idempotencyKey: 'k-call' },
    );
    expect(freshness.waitForToken).toHaveBeenCalledWith(duringCall.position);
  });

  it('marks a restrictive write before it answers, and only a restrictive one', async () => {
    const withdraw = (context: Parameters<typeof withdrawConsent>[1]) =>
      withdrawConsent({ ...provenanceOf('api'), purpose: 'prospecting', channels: ['email'] }, context);
    const consent = await writer.record(
      (context) =>
        giveConsent({ ...provenanceOf('api'), purpose: 'prospecting', channels: ['email'] }, context),
      { ...write, idempotencyKey: 'k-consent' },
    );
    expect(consent.eventId).toBe('generated-1');
    expect(marks.left).toEqual([]);
    await writer.record(withdraw, { ...write, idempotencyKey: 'k-withdraw' });
    expect(marks.left).toEqual([{ key: 's:s-1', partition: 0, offset: 1 }]);
  });

  it('answers 503 when the mark cannot be left after the append; the retry marks it and appends nothing', async () => {
    const withdraw = (context: Parameters<typeof withdrawConsent>[1]) =>
      withdrawConsent({ ...provenanceOf('api'), purpose: 'prospecting', channels: ['email'] }, context);
    marks.failNext = true;
    const first = writer.record(withdraw, write);
    await expect(first).rejects.toMatchObject({ code: 'write_outcome_unknown' });
    expect(log.appended).toHaveLength(1);
    expect(marks.left).toEqual([]);
    // Past the grace a concurrent first attempt gets, the retry finds it in the log by its event id.
    now = new Date(now.getTime() + 6000);
    appended.positionOf.mockResolvedValueOnce({ partition: 0, offset: '0' });
    const retried = await writer.record(withdraw, write);
    expect(retried.eventId).toBe(log.appended[0].id);
    expect(log.appended).toHaveLength(1);
    expect(marks.left).toEqual([{ key: 's:s-1', partition: 0, offset: 0 }]);
    // A later retry answers from the record, and marks again (its first answer may have been lost).
    await writer.record(withdraw, write);
    expect(marks.left).toHaveLength(2);
  });

  it('re-appends the stored event when the first attempt failed after claiming the key', async () => {
    const first = event('e-1', now.toISOString());
    log.failNext = true;
    const failure = writer.append(first, write);
    await expect(failure).rejects.toThrow(/may or may not have been recorded/);
    await expect(failure).rejects.toMatchObject({
      code: 'write_outcome_unknown',
      details: { outcome: 'unknown', cause: 'broker unreachable', retryAfterSeconds: 2 },
    });
    expect(log.appended).toHaveLength(0);

    now = new Date(now.getTime() + 60_000); // the client retries a minute later
    const retry = event('e-2', now.toISOString());
    const ack = await writer.append(retry, write);

    expect(ack.eventId).toBe('e-1');
    expect(log.appended).toEqual([first]);
  });

  it('answers a retry with the position where the projector found the first attempt, appending nothing', async () => {
    const first = event('e-1', now.toISOString());
    log.failNext = true;
    await expect(writer.append(first, write)).rejects.toThrow(/may or may not have been recorded/);
    // The broker did write it; only its answer was lost. The read model has it at 2:17.
    appended.positionOf.mockResolvedValueOnce({ partition: 2, offset: '17' });
    now = new Date(now.getTime() + 60_000);
    const ack = await writer.append(event('e-2', now.toISOString()), write);
    expect(ack.eventId).toBe('e-1');
    expect(appended.positionOf).toHaveBeenCalledWith(first);
    expect(log.appended).toEqual([]);
    expect(store.records.values().next().value?.position).toBe(ack.position);
  });

  it('answers later retries from the record, appending nothing more', async () => {
    const first = await writer.append(event('e-1', now.toISOString()), write);
    const again = await writer.append(event('e-9', now.toISOString()), write);
    expect(again).toEqual(first);
    expect(log.appended).toHaveLength(1);
  });

  it('writes nothing when its signing key is not the one the ledger signs with (503, fail closed)', async () => {
    ledgerKey = 'another-process-key';
    await expect(
      writer.record(
        (context) =>
          giveConsent({ ...provenanceOf('api'), purpose: 'prospecting', channels: ['email'] }, context),
        { ...write, idempotencyKey: 'k-mismatch' },
      ),
    ).rejects.toMatchObject({
      code: 'signing_key_mismatch',
      message: expect.stringContaining('LEDGER_SIGNING_KEY'),
    });
    expect(log.appended).toHaveLength(0);
    expect(store.records.size).toBe(0);
  });

  it('appends without a record when no key is given', async () => {
    const noKey: WriteContext = { principal: write.principal, requestHash: 'h' };
    await writer.append(event('e-1', now.toISOString()), noKey);
    await writer.append(event('e-2', now.toISOString()), noKey);
    expect(log.appended.map((e) => e.id)).toEqual(['e-1', 'e-2']);
    expect(store.records.size).toBe(0);
  });
});
