import { MongoServerError, type Collection, type Db } from 'mongodb';
import { COLLECTIONS } from './collections';
import { DUPLICATE_KEY } from './duplicate-key';

/**
 * One record per (client, Idempotency-Key): the request's fingerprint, the event it produced
 * (kept whole, so a retry after a crash re-appends the very same event), and once Kafka has
 * acknowledged it, the position.
 */
export interface IdempotencyRecord {
  key: string;
  requestHash: string;
  eventId: string;
  event: string;
  position?: string;
  createdAt: string;
}

interface IdempotencyDocument extends Omit<IdempotencyRecord, 'key'> {
  _id: string;
}

export class IdempotencyStore {
  private readonly collection: Collection<IdempotencyDocument>;

  constructor(db: Db) {
    this.collection = db.collection<IdempotencyDocument>(COLLECTIONS.idempotencyKeys);
  }

  /** Claims the key; answers the existing record instead when someone claimed it first. */
  async claim(
    record: IdempotencyRecord,
  ): Promise<{ claimed: true } | { claimed: false; existing: IdempotencyRecord }> {
    const { key, ...rest } = record;
    try {
      await this.collection.insertOne({ _id: key, ...rest });
      return { claimed: true };
    } catch (error) {
      if (!(error instanceof MongoServerError) || error.code !== DUPLICATE_KEY) throw error;
      const existing = await this.find(key);
      if (!existing) throw error;
      return { claimed: false, existing };
    }
  }

  async find(key: string): Promise<IdempotencyRecord | null> {
    const document = await this.collection.findOne({ _id: key });
    if (!document) return null;
    const { _id, ...rest } = document;
    return { key: _id, ...rest };
  }

  async complete(key: string, position: string): Promise<void> {
    await this.collection.updateOne({ _id: key }, { $set: { position } });
  }
}
