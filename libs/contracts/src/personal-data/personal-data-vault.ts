import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { SEALED_PREFIX, type DataKeyStore, type PersonalDataCipher } from '@ledger/domain';
import { LedgerError } from '@ledger/domain';

const IV_BYTES = 12;
const TAG_BYTES = 16;
/** How long an unwrapped data key stays in memory: an erasure elsewhere is honoured within it. */
const KEY_CACHE_MS = 30_000;
const KEY_CACHE_SIZE = 10_000;

function encrypt(key: Buffer, plaintext: Buffer, aad: string): Buffer {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(aad, 'utf8'));
  const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return Buffer.concat([iv, body, cipher.getAuthTag()]);
}

function decrypt(key: Buffer, sealed: Buffer, aad: string): Buffer {
  const iv = sealed.subarray(0, IV_BYTES);
  const tag = sealed.subarray(sealed.length - TAG_BYTES);
  const decipher = createDecipheriv('aes-256-gcm', key, iv);
  decipher.setAAD(Buffer.from(aad, 'utf8'));
  decipher.setAuthTag(tag);
  return Buffer.concat([
    decipher.update(sealed.subarray(IV_BYTES, sealed.length - TAG_BYTES)),
    decipher.final(),
  ]);
}

/** The problem a write about an erased person gets: nothing more is recorded about them. */
export const subjectErased = (subjectId: string): LedgerError =>
  new LedgerError('subject_erased', `Subject ${subjectId} was erased: nothing more is recorded about them`);

/**
 * Crypto-shredding: each person's values are sealed (AES-256-GCM, the owner's id as associated
 * data) with a data key of their own, stored wrapped by the master key; destroying the stored
 * key makes every copy of those values (log, dead letters, backups) unreadable.
 */
export class PersonalDataVault implements PersonalDataCipher {
  private readonly cache = new Map<string, { key: Buffer | null; until: number }>();

  constructor(
    private readonly store: DataKeyStore,
    private readonly wrappingKey: Buffer,
    private readonly now: () => number = Date.now,
  ) {}

  async seal(owner: string, value: unknown): Promise<string> {
    const key = await this.dataKey(owner, true);
    if (!key) throw subjectErased(owner);
    const payload = encrypt(key, Buffer.from(JSON.stringify(value), 'utf8'), owner);
    return `${SEALED_PREFIX}${payload.toString('base64url')}`;
  }

  async open(owner: string, sealed: string): Promise<{ value: unknown } | undefined> {
    const key = await this.dataKey(owner, false);
    if (!key) return undefined;
    const payload = Buffer.from(sealed.slice(SEALED_PREFIX.length), 'base64url');
    return { value: JSON.parse(decrypt(key, payload, owner).toString('utf8')) as unknown };
  }

  /** Whether the person's key was destroyed (read through the cache). */
  async isErased(subjectId: string): Promise<boolean> {
    return (await this.dataKey(subjectId, false)) === null;
  }

  /** Forgets a key held in memory (after destroying it). */
  forget(subjectId: string): void {
    this.cache.delete(subjectId);
  }

  /**
   * Reads the person's key afresh: a read of their data starts here, so an erasure by another
   * process (the projector, the retention worker) is honoured at once, not when the cache expires.
   */
  async refresh(subjectId: string): Promise<void> {
    this.cache.delete(subjectId);
    await this.dataKey(subjectId, false);
  }

  /** The owner's key; created on first seal; null once destroyed; undefined when never made. */
  private async dataKey(owner: string, create: boolean): Promise<Buffer | null | undefined> {
    const cached = this.cache.get(owner);
    if (cached && cached.until > this.now() && (cached.key !== null || !create)) return cached.key;
    let stored = await this.store.find(owner);
    if (stored === undefined && create) {
      const fresh = randomBytes(32);
      const wrapped = encrypt(this.wrappingKey, fresh, `data-key:${owner}`).toString('base64');
      stored = await this.store.create(owner, wrapped, new Date(this.now()).toISOString());
    }
    // An absent key is not cached: the next write may create it.
    if (stored === undefined) return undefined;
    const key =
      'wrapped' in stored
        ? decrypt(this.wrappingKey, Buffer.from(stored.wrapped, 'base64'), `data-key:${owner}`)
        : null;
    this.remember(owner, key);
    return key;
  }

  private remember(owner: string, key: Buffer | null): void {
    if (this.cache.size >= KEY_CACHE_SIZE) this.cache.delete(this.cache.keys().next().value as string);
    this.cache.set(owner, { key, until: this.now() + KEY_CACHE_MS });
  }
}
