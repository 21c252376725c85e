import { hkdfSync } from 'node:crypto';

/**
 * The two keys the ledger derives from its one master key (HKDF-SHA256, named uses): one wraps
 * the per-person data keys, one keys the hashes that stand for identifiers in the read models.
 */
export interface DerivedKeys {
  wrapping: Buffer;
  identifiers: Buffer;
}

export function deriveKeys(masterKey: Buffer): DerivedKeys {
  if (masterKey.length !== 32) throw new Error('the master key is 32 bytes');
  const derive = (info: string) => Buffer.from(hkdfSync('sha256', masterKey, Buffer.alloc(0), info, 32));
  return {
    wrapping: derive('consent-ledger/data-key-wrapping/v1'),
    identifiers: derive('consent-ledger/identifier-hmac/v1'),
  };
}
