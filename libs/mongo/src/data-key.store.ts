import type { Collection, Db } from 'mongodb';
import type { DataKeyStore, StoredDataKey } from '@ledger/domain';
import { COLLECTIONS } from './collections';
import { insertKeepingExisting } from './duplicate-key';

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

  constructor(db: Db) {
    this.collection = db.collection<DataKeyDocument>(COLLECTIONS.dataKeys);
  }

  async find(subjectId: string): Promise<StoredDataKey | undefined> {
    const doc = await this.collection.findOne({ _id: subjectId });
    return doc ? stored(doc) : undefined;
  }

  async create(subjectId: string, wrapped: string, at: string): Promise<StoredDataKey> {
    // Two writers may create one person's key at once: the first stored wins, both use it.
    await insertKeepingExisting(this.collection, [{ _id: subjectId, wrapped, createdAt: at }]);
    const doc = await this.collection.findOne({ _id: subjectId });
    if (!doc) throw new Error(`data key of ${subjectId} neither stored nor found`);
    return stored(doc);
  }

  async destroy(subjectId: string, at: string): Promise<void> {
    await this.collection.replaceOne({ _id: subjectId }, { destroyedAt: at }, { upsert: true });
  }
}
