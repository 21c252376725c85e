import type { DataKeyStore, StoredDataKey } from '@ledger/domain';

/** The data-key store in memory, for unit tests of sealing (integration tests use Mongo). */
export class InMemoryDataKeys implements DataKeyStore {
  readonly keys = new Map<string, StoredDataKey>();

  async find(subjectId: string): Promise<StoredDataKey | undefined> {
    return this.keys.get(subjectId);
  }

  async create(subjectId: string, wrapped: string, at: string): Promise<StoredDataKey> {
    if (!this.keys.has(subjectId)) this.keys.set(subjectId, { subjectId, wrapped, createdAt: at });
    return this.keys.get(subjectId)!;
  }

  async destroy(subjectId: string, at: string): Promise<void> {
    this.keys.set(subjectId, { subjectId, destroyedAt: at });
  }
}
