import { Inject, Injectable } from '@nestjs/common';
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { LedgerError } from '@ledger/domain';
import type { LedgerConfig } from '@ledger/config';
import { ApiKeyStore } from '@ledger/mongo';
import type { Clock } from '../runtime';
import { API_KEY_STORE, CLOCK, LEDGER_CONFIG } from '../tokens';
import type { Principal } from './principal';
import { SCOPES, type Scope } from './scopes';

const sha256 = (value: string): Buffer => createHash('sha256').update(value, 'utf8').digest();
const KEY_FORMAT = /^clk_([0-9a-f]{16})_([A-Za-z0-9_-]{32})$/;
export const BOOTSTRAP_ADMIN: Principal = { keyId: 'bootstrap-admin', name: 'admin', scopes: ['admin'] };

/** Issues, verifies and revokes API keys; secrets are shown once and stored as sha256 only. */
@Injectable()
export class ApiKeyService {
  private readonly adminKeyDigest: Buffer;

  constructor(
    @Inject(LEDGER_CONFIG) config: LedgerConfig,
    @Inject(API_KEY_STORE) private readonly store: ApiKeyStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {
    if (config.adminKey === undefined) throw new Error('the API needs LEDGER_ADMIN_KEY');
    this.adminKeyDigest = sha256(config.adminKey);
  }

  async authenticate(token: string): Promise<Principal> {
    // Digests of equal length make the comparison constant-time whatever the token's length.
    if (timingSafeEqual(sha256(token), this.adminKeyDigest)) return BOOTSTRAP_ADMIN;
    const match = KEY_FORMAT.exec(token);
    const stored = match ? await this.store.find(match[1]) : null;
    const presented = sha256(match?.[2] ?? '');
    const expected = stored ? Buffer.from(stored.secretHash, 'hex') : sha256('\0no-such-key');
    if (!match || !stored || !timingSafeEqual(presented, expected) || stored.revokedAt !== undefined) {
      throw new LedgerError('unauthorized', 'Unknown or revoked API key');
    }
    return { keyId: stored.keyId, name: stored.name, scopes: stored.scopes.filter(isScope) };
  }

  async create(name: string, scopes: Scope[]): Promise<{ keyId: string; apiKey: string; createdAt: string }> {
    const keyId = randomBytes(8).toString('hex');
    const secret = randomBytes(24).toString('base64url');
    const createdAt = this.clock.now().toISOString();
    await this.store.insert({
      keyId,
      name,
      scopes: [...new Set(scopes)],
      secretHash: sha256(secret).toString('hex'),
      createdAt,
    });
    return { keyId, apiKey: `clk_${keyId}_${secret}`, createdAt };
  }

  async revoke(keyId: string): Promise<void> {
    if (!(await this.store.revoke(keyId, this.clock.now().toISOString()))) {
      throw new LedgerError('not_found', `No API key ${keyId}`);
    }
  }
}

function isScope(value: string): value is Scope {
  return (SCOPES as readonly string[]).includes(value);
}
