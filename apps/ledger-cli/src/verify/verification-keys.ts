import { readFileSync } from 'node:fs';
import { EventVerifier, type SigningJwk } from '@ledger/contracts';

/**
 * The public keys verify trusts, from a JWKS document (RFC 7517): a file, or a URL such as the
 * ledger's own /.well-known/jwks.json. Never the private key: anyone can verify.
 */
export async function verifierFromJwks(source: string): Promise<EventVerifier> {
  let text: string;
  if (/^https?:\/\//.test(source)) {
    const response = await fetch(source, { signal: AbortSignal.timeout(10_000) });
    if (!response.ok) throw new Error(`${source} answered ${response.status}`);
    text = await response.text();
  } else {
    text = readFileSync(source, 'utf8');
  }
  let keys: unknown;
  try {
    keys = (JSON.parse(text) as { keys?: unknown }).keys;
  } catch {
    throw new Error(`${source} is not a JSON document`);
  }
  const usable = Array.isArray(keys)
    ? (keys as Array<Partial<SigningJwk>>).filter(
        (key): key is SigningJwk =>
          key.kty === 'OKP' &&
          key.crv === 'Ed25519' &&
          typeof key.x === 'string' &&
          typeof key.kid === 'string',
      )
    : [];
  if (usable.length === 0) throw new Error(`${source} holds no Ed25519 key (a JWKS with "keys" is expected)`);
  return new EventVerifier(usable);
}
