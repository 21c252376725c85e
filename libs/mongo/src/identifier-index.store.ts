import { MongoServerError, type Collection, type Db } from 'mongodb';
import type { IdentifierIndex } from '@ledger/domain';
import { COLLECTIONS } from './collections';
import { DUPLICATE_KEY } from './duplicate-key';
import { estimatedCount } from './estimated-count';
import { IdReads, serverAnswerOf, type IdReadMode } from './id-reads';

interface IdentifierDocument {
  /** `email:<normalised>`, `phone:<E.164>` or `member:<number>`. */
  _id: string;
  subjectId: string;
  linkedByEventId: string;
  /** Log offset of the registration that linked it: an older registration never unlinks it. */
  linkedAtOffset?: number;
}

/** Normalised identifier → subject. The first subject to claim an identifier keeps it. */
export class IdentifierIndexStore implements IdentifierIndex {
  private readonly collection: Collection<IdentifierDocument>;
  private readonly reads: IdReads<IdentifierDocument>;

  constructor(db: Db, collectionName: string = COLLECTIONS.identifiers, idReads: IdReadMode = 'detect') {
    this.collection = db.collection<IdentifierDocument>(collectionName);
    this.reads = new IdReads(this.collection, idReads, serverAnswerOf(db));
  }

  async owners(keys: string[]): Promise<Map<string, string>> {
    const found = await this.reads.find(keys);
    return new Map(found.map((doc) => [doc._id, doc.subjectId] as const));
  }

  /** Every link, in the server's natural order. */
  async *scan(): AsyncGenerator<{ key: string; subjectId: string }> {
    const links = this.collection.find({}, { batchSize: 1000, projection: { subjectId: 1 } });
    for await (const doc of links) yield { key: doc._id, subjectId: doc.subjectId };
  }

  async estimatedCount(): Promise<number> {
    return estimatedCount(this.collection);
  }

  /**
   * Links identifiers to a subject; returns the keys already owned by another subject, which
   * stay with their first owner (a race the API's own check let through is rejected here).
   */
  async link(subjectId: string, keys: string[], eventId: string, offset: number): Promise<string[]> {
    const conflicts: string[] = [];
    for (const key of keys) {
      try {
        await this.collection.insertOne({
          _id: key,
          subjectId,
          linkedByEventId: eventId,
          linkedAtOffset: offset,
        });
      } catch (error) {
        if (!(error instanceof MongoServerError) || error.code !== DUPLICATE_KEY) throw error;
        const owner = await this.collection.findOne({ _id: key });
        if (owner && owner.subjectId !== subjectId) conflicts.push(key);
      }
    }
    return conflicts;
  }

  /** Frees identifiers a later registration of their owner no longer lists. */
  async unlink(subjectId: string, keys: string[], offset: number): Promise<void> {
    for (const key of keys) {
      const owner = await this.collection.findOne({ _id: key });
      if (!owner || owner.subjectId !== subjectId || (owner.linkedAtOffset ?? -1) > offset) continue;
      await this.collection.deleteOne({ _id: key, subjectId });
    }
  }

  /** Every link, in _id order: for comparing a projection with a rebuild. */
  async all(): Promise<Array<{ key: string; subjectId: string }>> {
    const documents = await this.collection.find({}).sort({ _id: 1 }).toArray();
    return documents.map((doc) => ({ key: doc._id, subjectId: doc.subjectId }));
  }
}
