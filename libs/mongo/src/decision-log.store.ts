import type { Collection, Db } from 'mongodb';
import type { DecisionLog, LoggedDecision } from '@ledger/domain';
import { COLLECTIONS } from './collections';
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

  constructor(db: Db) {
    this.collection = db.collection<LoggedDecisionDocument>(COLLECTIONS.decisionLog);
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

  async purgeExpired(now: string): Promise<number> {
    // ISO 8601 instants in UTC sort as strings.
    return (await this.collection.deleteMany({ expiresAt: { $lte: now } })).deletedCount;
  }
}
