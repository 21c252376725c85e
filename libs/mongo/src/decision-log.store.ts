import type { Collection, Db } from 'mongodb';
import type { DecisionLog, DecisionSummary, LoggedDecision } from '@ledger/domain';
import { keysetPage } from './keyset-page';
import { COLLECTIONS } from './collections';
import { LazyIndex } from './lazy-index';
import { GroupedCalls } from './grouped-calls';

interface LoggedDecisionDocument extends Omit<LoggedDecision, 'decisionId'> {
  _id: string;
}

/**
 * Logged decisions by id; expiry by a sweep (FerretDB v1 has no TTL index). Concurrent saves go
 * together in one insertMany, so logging every decision costs a round trip per group, not each.
 */
export class DecisionLogStore implements DecisionLog {
  private readonly collection: Collection<LoggedDecisionDocument>;
  private readonly inserts: GroupedCalls<LoggedDecisionDocument, void>;
  private readonly indexed: LazyIndex;

  constructor(db: Db) {
    this.collection = db.collection<LoggedDecisionDocument>(COLLECTIONS.decisionLog);
    this.indexed = new LazyIndex(this.collection, {
      'subject.subjectId': 1,
      decidedAt: -1,
      _id: -1,
    });
    this.inserts = new GroupedCalls(async (documents) => {
      await this.collection.insertMany(documents, { ordered: false });
      return documents.map(() => undefined);
    });
  }

  async save({ decisionId, ...rest }: LoggedDecision): Promise<void> {
    await this.inserts.call({ _id: decisionId, ...rest });
  }

  async find(decisionId: string): Promise<LoggedDecision | undefined> {
    const document = await this.collection.findOne({ _id: decisionId });
    if (!document) return undefined;
    const { _id, ...rest } = document;
    return { decisionId: _id, ...rest };
  }

  /** The index is made at the first list, so logging pays for it only once someone reads lists. */
  async ofSubject(
    subjectId: string,
    limit: number,
    cursor?: string,
  ): Promise<{ decisions: DecisionSummary[]; next?: string }> {
    await this.indexed.ensure();
    const page = await keysetPage(
      this.collection,
      { 'subject.subjectId': subjectId },
      'decidedAt',
      limit,
      cursor,
      {
        order: -1,
        projection: { decidedAt: 1, subject: 1, question: 1, 'answer.allowed': 1, 'answer.reason': 1 },
      },
    );
    return {
      decisions: page.rows.map(({ _id, decidedAt, subject, question, answer }) => ({
        decisionId: _id,
        decidedAt,
        subject,
        question,
        answer: { allowed: answer.allowed, reason: answer.reason },
      })),
      ...(page.next !== undefined ? { next: page.next } : {}),
    };
  }

  async purgeExpired(now: string): Promise<number> {
    // ISO 8601 instants in UTC sort as strings.
    return (await this.collection.deleteMany({ expiresAt: { $lte: now } })).deletedCount;
  }
}
