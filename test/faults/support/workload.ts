import { sleep, type FaultStack } from './fault-stack';

/** Every consent names the notice shown (policy 2026-11-29, issue 13 finding 1). */
const NOTICE = { id: 'prospecting-notice', version: '2026-01' };

const source = { collectionPoint: 'fault-test', method: 'web_form' };

export interface WriteResult {
  status: number | 'no-answer';
  ms: number;
  eventId?: string;
  problemType?: string;
}

/**
 * Drives a ledger like its callers do and keeps the books every fault scenario is judged by:
 * writes attempted / acknowledged / found in the topic / duplicated, and every `allowed: true`
 * answered against a withdrawal acknowledged before the question was asked.
 */
export class Tally {
  attempted = 0;
  /** Idempotency-Key → event id, for every 2xx write. */
  readonly acknowledged = new Map<string, string>();
  /** Every event id a key was ever answered with (a retry must answer the first one). */
  readonly idsByKey = new Map<string, Set<string>>();
  readonly statuses = new Map<string, number>();
  /** Subject → when its withdrawal was acknowledged. */
  readonly withdrawnAt = new Map<string, number>();
  readonly violations: string[] = [];
  decisions = 0;
  allowedAfterWithdrawal = 0;
  slowestMs = 0;

  constructor(private readonly stack: FaultStack) {}

  count(status: number | string): void {
    this.statuses.set(String(status), (this.statuses.get(String(status)) ?? 0) + 1);
  }

  async write(
    kind: 'consent' | 'withdrawal',
    subjectId: string,
    key: string,
    options: { occurredAt?: string; timeoutMs?: number; api?: number } = {},
  ): Promise<WriteResult> {
    this.attempted++;
    const path = kind === 'consent' ? 'consents' : 'consent-withdrawals';
    const started = Date.now();
    let result: WriteResult;
    try {
      const response = await this.stack.post(
        `/v1/subjects/${subjectId}/${path}`,
        {
          purpose: 'prospecting',
          channels: ['email'],
          source,
          notice: NOTICE,
          ...(options.occurredAt ? { occurredAt: options.occurredAt } : {}),
        },
        { 'idempotency-key': key },
        options.timeoutMs ?? 30_000,
        options.api,
      );
      const body = (await response.json().catch(() => ({}))) as { eventId?: string; type?: string };
      result = {
        status: response.status,
        ms: Date.now() - started,
        ...(body.eventId ? { eventId: body.eventId } : {}),
        ...(body.type ? { problemType: body.type } : {}),
      };
    } catch {
      result = { status: 'no-answer', ms: Date.now() - started };
    }
    this.slowestMs = Math.max(this.slowestMs, result.ms);
    this.count(result.status);
    if (typeof result.status === 'number' && result.status >= 200 && result.status < 300 && result.eventId) {
      this.acknowledged.set(key, result.eventId);
      const ids = this.idsByKey.get(key) ?? new Set<string>();
      ids.add(result.eventId);
      this.idsByKey.set(key, ids);
      if (kind === 'withdrawal' && !this.withdrawnAt.has(subjectId))
        this.withdrawnAt.set(subjectId, Date.now());
    }
    return result;
  }

  /** Asks about a subject; an `allowed: true` after its acknowledged withdrawal is a violation. */
  async decide(
    subjectId: string,
    timeoutMs = 30_000,
    options: { api?: number; consistency?: string } = {},
  ): Promise<WriteResult & { allowed?: boolean }> {
    const askedAt = Date.now();
    const withdrawn = this.withdrawnAt.get(subjectId);
    this.decisions++;
    try {
      const response = await this.stack.post(
        '/v1/decisions',
        {
          subject: { subjectId },
          purpose: 'prospecting',
          channel: 'email',
          ...(options.consistency ? { consistency: options.consistency } : {}),
        },
        {},
        timeoutMs,
        options.api,
      );
      const body = (await response.json().catch(() => ({}))) as { allowed?: boolean; type?: string };
      if (body.allowed === true && withdrawn !== undefined && withdrawn < askedAt) {
        this.allowedAfterWithdrawal++;
        this.violations.push(
          `${subjectId}: allowed ${askedAt - withdrawn} ms after its withdrawal was acknowledged`,
        );
      }
      return {
        status: response.status,
        ms: Date.now() - askedAt,
        ...(body.allowed !== undefined ? { allowed: body.allowed } : {}),
        ...(body.type ? { problemType: body.type } : {}),
      };
    } catch {
      return { status: 'no-answer', ms: Date.now() - askedAt };
    }
  }

  /**
   * Retries every write that got no acknowledgement with its own key until it is acknowledged
   * (the ledger is healthy again), as a well-behaved caller does.
   */
  async retryUnacknowledged(
    pending: Array<{ kind: 'consent' | 'withdrawal'; subjectId: string; key: string }>,
    timeoutMs = 120_000,
  ): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (const write of pending) {
      while (!this.acknowledged.has(write.key)) {
        if (Date.now() > deadline) throw new Error(`write ${write.key} never acknowledged on retry`);
        const result = await this.write(write.kind, write.subjectId, write.key);
        if (!this.acknowledged.has(write.key)) await sleep(result.status === 'no-answer' ? 100 : 500);
      }
    }
  }

  /** Compares the books with the topic; prints the line every scenario reports. */
  async audit(name: string): Promise<{ lost: string[]; twice: string[]; idChanged: string[] }> {
    const records = await this.stack.readTopic();
    const inTopic = new Map<string, number>();
    for (const record of records) if (record.id) inTopic.set(record.id, (inTopic.get(record.id) ?? 0) + 1);
    const lost = [...this.acknowledged.values()].filter((id) => !inTopic.has(id));
    const duplicated = [...inTopic.values()].filter((n) => n > 1).length;
    const idChanged = [...this.idsByKey].filter(([, ids]) => ids.size > 1).map(([key]) => key);
    // Applied twice: the same event twice in a subject's history.
    const mongo = this.stack.mongo();
    const twice: string[] = [];
    try {
      const slots = await mongo.db('consent_ledger').collection('subject_history').find({}).toArray();
      const idsBySubject = new Map<string, string[]>();
      for (const slot of slots) {
        const ids = idsBySubject.get(slot.subjectId) ?? [];
        ids.push((slot.entry as { id: string }).id);
        idsBySubject.set(slot.subjectId, ids);
      }
      for (const [subjectId, ids] of idsBySubject)
        if (new Set(ids).size !== ids.length) twice.push(subjectId);
    } finally {
      await mongo.close();
    }
    const statuses = [...this.statuses].map(([status, n]) => `${status}×${n}`).join(' ');
    process.stdout.write(
      `[fault] ${name}: writes attempted ${this.attempted}, acknowledged ${this.acknowledged.size}, ` +
        `found in topic ${this.acknowledged.size - lost.length}, duplicated in topic ${duplicated}, ` +
        `applied twice ${twice.length}, decisions ${this.decisions}, allowed after withdrawal ${this.allowedAfterWithdrawal}; ` +
        `answers ${statuses}; slowest write ${this.slowestMs} ms\n`,
    );
    return { lost, twice, idChanged };
  }
}

/** Asserts the three promises every scenario keeps. */
export async function expectPromisesKept(tally: Tally, name: string): Promise<void> {
  const { lost, twice, idChanged } = await tally.audit(name);
  expect(lost).toEqual([]);
  expect(twice).toEqual([]);
  expect(idChanged).toEqual([]);
  expect(tally.violations).toEqual([]);
}
