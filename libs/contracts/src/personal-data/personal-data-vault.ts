import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import {
  SEALED_PREFIX,
  type DataKeyStore,
  type PersonalDataCipher,
  type StoredDataKey,
} from '@ledger/domain';
import { LedgerError } from '@ledger/domain';

const IV_BYTES = 12;
const TAG_BYTES = 16;
/** How long an unwrapped data key stays in memory: an erasure elsewhere is honoured within it. */
const KEY_CACHE_MS = 30_000;
const KEY_CACHE_SIZE = 10_000;
/** How long "no key yet" is believed: enough for the write that read it to create it. */
const ABSENT_CACHE_MS = 1000;

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

/** The problem a read or write gets when the data keys cannot be reached: nothing was done, retry. */
export const dataKeysUnavailable = (): LedgerError =>
  new LedgerError('store_unavailable', 'The data keys could not be read; retry shortly', {
    retryAfterSeconds: 2,
  });

/**
 * Crypto-shredding: each person's values are sealed (AES-256-GCM, the owner's id as associated
 * data) with a data key of their own, stored wrapped by the master key; destroying the stored
 * key makes every copy of those values (log, dead letters, backups) unreadable.
 */
export class PersonalDataVault implements PersonalDataCipher {
  /** A key, null once destroyed, or `absent` (none made yet: cached briefly, a write creates it). */
  private readonly cache = new Map<string, { key: Buffer | null | 'absent'; until: number }>();

  constructor(
    private readonly store: DataKeyStore,
    private readonly wrappingKey: Buffer,
    private readonly now: () => number = Date.now,
  ) {}

  async seal(owner: string, value: unknown): Promise<string> {
    let key = await this.dataKey(owner);
    if (key === 'absent') key = await this.create(owner);
    if (key === null) throw subjectErased(owner);
    const payload = encrypt(key, Buffer.from(JSON.stringify(value), 'utf8'), owner);
    return `${SEALED_PREFIX}${payload.toString('base64url')}`;
  }

  async open(owner: string, sealed: string): Promise<{ value: unknown } | undefined> {
    const key = await this.dataKey(owner);
    if (key === null || key === 'absent') return undefined;
    const payload = Buffer.from(sealed.slice(SEALED_PREFIX.length), 'base64url');
    return { value: JSON.parse(decrypt(key, payload, owner).toString('utf8')) as unknown };
  }

  /** Whether the person's key was destroyed (read through the cache). */
  async isErased(subjectId: string): Promise<boolean> {
    return (await this.dataKey(subjectId)) === null;
  }

  /** Forgets a key held in memory (after destroying it). */
  forget(subjectId: string): void {
    this.cache.delete(subjectId);
  }

  /**
   * Reads the person's key afresh: a read or write of their data starts here, so an erasure by
   * another process (the projector, the retention worker) is honoured at once.
   */
  async refresh(subjectId: string): Promise<void> {
    this.cache.delete(subjectId);
    await this.dataKey(subjectId);
  }

  private async dataKey(owner: string): Promise<Buffer | null | 'absent'> {
    const cached = this.cache.get(owner);
    if (cached && cached.until > this.now()) return cached.key;
    const stored = await this.store.find(owner);
    return this.remember(owner, stored === undefined ? 'absent' : this.unwrap(stored));
  }

  private async create(owner: string): Promise<Buffer | null> {
    const wrapped = encrypt(this.wrappingKey, randomBytes(32), `data-key:${owner}`).toString('base64');
    const stored = await this.store.create(owner, wrapped, new Date(this.now()).toISOString());
    return this.remember(owner, this.unwrap(stored)) as Buffer | null;
  }

  private unwrap(stored: StoredDataKey): Buffer | null {
    if (!('wrapped' in stored)) return null;
    return decrypt(this.wrappingKey, Buffer.from(stored.wrapped, 'base64'), `data-key:${stored.subjectId}`);
  }

  private remember(owner: string, key: Buffer | null | 'absent'): Buffer | null | 'absent' {
    if (this.cache.size >= KEY_CACHE_SIZE) this.cache.delete(this.cache.keys().next().value as string);
    // An absent key is remembered a moment only: another process may create it.
    this.cache.set(owner, { key, until: this.now() + (key === 'absent' ? ABSENT_CACHE_MS : KEY_CACHE_MS) });
    return key;
  }
}
