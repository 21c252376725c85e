import type { Collection, Db } from 'mongodb';
import type { IdempotencyClaim, IdempotencyRecord, IdempotencyStore } from '@ledger/domain';
import { COLLECTIONS } from './collections';
import { insertKeepingExisting } from './duplicate-key';
import { GroupedCalls } from './grouped-calls';

interface IdempotencyDocument extends Omit<IdempotencyRecord, 'key'> {
  _id: string;
}

/** Every write with a key claims it and records its position: both are grouped across callers. */
export class MongoIdempotencyStore implements IdempotencyStore {
  private readonly collection: Collection<IdempotencyDocument>;
  private readonly claims = new GroupedCalls<IdempotencyRecord, IdempotencyClaim>((records) =>
    this.claimAll(records),
  );
  private readonly completions = new GroupedCalls<{ key: string; position: string }, void>((done) =>
    this.completeAll(done),
  );

  constructor(db: Db) {
    this.collection = db.collection<IdempotencyDocument>(COLLECTIONS.idempotencyKeys);
  }

  /** IdempotencyClaims the key; answers the existing record instead when someone claimed it first. */
  claim(record: IdempotencyRecord): Promise<IdempotencyClaim> {
    return this.claims.call(record);
  }

  async find(key: string): Promise<IdempotencyRecord | null> {
    const document = await this.collection.findOne({ _id: key });
    if (!document) return null;
    const { _id, ...rest } = document;
    return { key: _id, ...rest };
  }

  complete(key: string, position: string): Promise<void> {
    return this.completions.call({ key, position });
  }

  async purgeSubject(subjectId: string): Promise<number> {
    return (await this.collection.deleteMany({ subjectId })).deletedCount;
  }

  async purgeOlderThan(before: string): Promise<number> {
    return (await this.collection.deleteMany({ createdAt: { $lt: before } })).deletedCount;
  }

  private async claimAll(records: IdempotencyRecord[]): Promise<IdempotencyClaim[]> {
    const documents = records.map(({ key, ...rest }) => ({ _id: key, ...rest }));
    const taken = new Set(await insertKeepingExisting(this.collection, documents));
    // Only keys claimed before (a retry, or twice in this group) are read back: the rare case.
    return Promise.all(
      records.map(async (record, i): Promise<IdempotencyClaim> => {
        if (!taken.has(i)) return { claimed: true };
        const existing = await this.find(record.key);
        if (!existing) throw new Error(`idempotency key ${i} refused as taken but not found`);
        return { claimed: false, existing };
      }),
    );
  }

  private async completeAll(done: Array<{ key: string; position: string }>): Promise<void[]> {
    await this.collection.bulkWrite(
      done.map(({ key, position }) => ({
        updateOne: { filter: { _id: key }, update: { $set: { position } } },
      })),
      { ordered: false },
    );
    return done.map(() => undefined);
  }
}
