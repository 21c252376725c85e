import type { Collection, Db } from 'mongodb';
import type { DataKeyStore, StoredDataKey } from '@ledger/domain';
import { COLLECTIONS } from './collections';
import { insertKeepingExisting } from './duplicate-key';
import { GroupedCalls } from './grouped-calls';
import { IdReads, serverAnswerOf } from './id-reads';

interface DataKeyDocument {
  _id: string;
  wrapped?: string;
  createdAt?: string;
  destroyedAt?: string;
}

const stored = (doc: DataKeyDocument): StoredDataKey =>
  doc.wrapped !== undefined
    ? { subjectId: doc._id, wrapped: doc.wrapped, createdAt: doc.createdAt ?? '' }
    : { subjectId: doc._id, destroyedAt: doc.destroyedAt ?? '' };

/**
 * The per-person data keys, wrapped by the master key. Not a read model: a rebuild never touches
 * it, and a destroyed key leaves a tombstone so that no later write makes the person a new one.
 */
export class MongoDataKeyStore implements DataKeyStore {
  private readonly collection: Collection<DataKeyDocument>;
  // Every write reads its person's key: concurrent reads go together, one `$in` per round trip.
  private readonly reads: IdReads<DataKeyDocument>;
  private readonly creations = new GroupedCalls<DataKeyDocument, StoredDataKey>(async (documents) => {
    // Two writers may create one person's key at once: the first stored wins, both use it.
    await insertKeepingExisting(this.collection, documents);
    const found = new Map((await this.reads.find(documents.map((d) => d._id))).map((d) => [d._id, d]));
    return documents.map((document) => {
      const doc = found.get(document._id);
      if (!doc) throw new Error(`data key of ${document._id} neither stored nor found`);
      return stored(doc);
    });
  });

  constructor(db: Db) {
    this.collection = db.collection<DataKeyDocument>(COLLECTIONS.dataKeys);
    this.reads = new IdReads(this.collection, 'detect', serverAnswerOf(db));
  }

  async find(subjectId: string): Promise<StoredDataKey | undefined> {
    const doc = await this.reads.findOne(subjectId);
    return doc ? stored(doc) : undefined;
  }

  create(subjectId: string, wrapped: string, at: string): Promise<StoredDataKey> {
    return this.creations.call({ _id: subjectId, wrapped, createdAt: at });
  }

  async destroy(subjectId: string, at: string): Promise<void> {
    await this.collection.replaceOne({ _id: subjectId }, { destroyedAt: at }, { upsert: true });
  }
}
