import type { Collection, Db } from 'mongodb';
import { COLLECTIONS } from './collections';

export interface StoredApiKey {
  keyId: string;
  name: string;
  scopes: string[];
  /** sha256 of the secret; the secret itself is shown once and never stored. */
  secretHash: string;
  createdAt: string;
  revokedAt?: string;
}

interface ApiKeyDocument extends Omit<StoredApiKey, 'keyId'> {
  _id: string;
}

export class ApiKeyStore {
  private readonly collection: Collection<ApiKeyDocument>;

  constructor(db: Db) {
    this.collection = db.collection<ApiKeyDocument>(COLLECTIONS.apiKeys);
  }

  async insert(key: StoredApiKey): Promise<void> {
    const { keyId, ...rest } = key;
    await this.collection.insertOne({ _id: keyId, ...rest });
  }

  async find(keyId: string): Promise<StoredApiKey | null> {
    const document = await this.collection.findOne({ _id: keyId });
    if (!document) return null;
    const { _id, ...rest } = document;
    return { keyId: _id, ...rest };
  }

  /** Returns false when no such key exists. Revoking twice keeps the first revocation time. */
  async revoke(keyId: string, at: string): Promise<boolean> {
    const existing = await this.find(keyId);
    if (!existing) return false;
    if (existing.revokedAt === undefined) {
      await this.collection.updateOne({ _id: keyId }, { $set: { revokedAt: at } });
    }
    return true;
  }
}
