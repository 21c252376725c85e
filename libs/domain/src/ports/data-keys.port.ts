/** A person's data key as stored: wrapped by the master key, or destroyed (the person was erased). */
export type StoredDataKey =
  { subjectId: string; wrapped: string; createdAt: string } | { subjectId: string; destroyedAt: string };

/** Where the per-person data keys live (outside the log: destroying one erases the person). */
export interface DataKeyStore {
  find(subjectId: string): Promise<StoredDataKey | undefined>;
  /** Stores the key unless one exists (or was destroyed); answers what is stored after. */
  create(subjectId: string, wrapped: string, at: string): Promise<StoredDataKey>;
  /** Forgets the key material for good; idempotent. */
  destroy(subjectId: string, at: string): Promise<void>;
}
