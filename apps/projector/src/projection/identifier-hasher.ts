import type { LedgerConfig } from '@ledger/config';
import { deriveKeys, IdentifierHasher } from '@ledger/contracts';

/** The hasher the API uses too (same master key, same hashes); required to project registrations. */
export function identifierHasher(config: LedgerConfig): IdentifierHasher {
  if (config.masterKey === undefined) throw new Error('LEDGER_MASTER_KEY is required');
  return new IdentifierHasher(deriveKeys(config.masterKey).identifiers);
}
