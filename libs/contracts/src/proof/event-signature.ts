import {
  createHash,
  createPrivateKey,
  createPublicKey,
  hkdfSync,
  sign,
  verify,
  type KeyObject,
} from 'node:crypto';
import { canonicalize } from 'json-canonicalize';
import type { LedgerEvent } from '@ledger/domain';

/** An event's signature as the log carries it: the signing key's id (JWK thumbprint) and the value. */
export interface EventSignature {
  keyId: string;
  value: string;
}

export type SignedEvent = LedgerEvent & { sealed?: true; signature?: EventSignature };

/**
 * What a signature covers: the event as written (its schema version and data before any
 * upcasting, personal values sealed), canonicalised by RFC 8785 (JCS). Sealed values are covered
 * as sealed, so an erasure (a destroyed data key) leaves every signature verifiable.
 */
export function canonicalEvent(event: SignedEvent): string {
  const { signature: _signature, ...signed } = event;
  return canonicalize({
    id: signed.id,
    type: signed.type,
    schemaVersion: signed.schemaVersion,
    subjectId: signed.subjectId,
    occurredAt: signed.occurredAt,
    recordedAt: signed.recordedAt,
    actor: signed.actor,
    source: signed.source,
    ...(signed.notice ? { notice: signed.notice } : {}),
    ...(signed.proof ? { proof: signed.proof } : {}),
    ...(signed.sealed === true ? { sealed: true } : {}),
    data: signed.data,
  });
}

/** A public key as a JWK (RFC 8037 OKP, Ed25519) with its RFC 7638 thumbprint as `kid`. */
export interface SigningJwk {
  kty: 'OKP';
  crv: 'Ed25519';
  x: string;
  kid: string;
  use: 'sig';
  alg: 'EdDSA';
}

function jwkOf(publicKey: KeyObject): SigningJwk {
  const { x } = publicKey.export({ format: 'jwk' }) as { x: string };
  // RFC 7638: the required members, lexicographic order, no spaces.
  const kid = createHash('sha256').update(`{"crv":"Ed25519","kty":"OKP","x":"${x}"}`).digest('base64url');
  return { kty: 'OKP', crv: 'Ed25519', x, kid, use: 'sig', alg: 'EdDSA' };
}

/** Ed25519 private key from a 32-byte seed (PKCS#8 wrapping of RFC 8410). */
function privateKeyFromSeed(seed: Buffer): KeyObject {
  const pkcs8Prefix = Buffer.from('302e020100300506032b657004220420', 'hex');
  return createPrivateKey({ key: Buffer.concat([pkcs8Prefix, seed]), format: 'der', type: 'pkcs8' });
}

/** The ledger's event signer: Ed25519, one key, derived from the master key unless given. */
export class EventSigner {
  private readonly privateKey: KeyObject;
  readonly jwk: SigningJwk;

  constructor(seed: Buffer) {
    if (seed.length !== 32) throw new Error('an Ed25519 seed is 32 bytes');
    this.privateKey = privateKeyFromSeed(seed);
    this.jwk = jwkOf(createPublicKey(this.privateKey));
  }

  /** The signing key of a ledger with no LEDGER_SIGNING_KEY: a named derivation of its master key. */
  static fromMasterKey(masterKey: Buffer): EventSigner {
    return new EventSigner(
      Buffer.from(hkdfSync('sha256', masterKey, Buffer.alloc(0), 'consent-ledger/event-signing/v1', 32)),
    );
  }

  /** A compact JWS (RFC 7515, EdDSA) of `payload`: what any JOSE library verifies with the JWKS. */
  compactJws(payload: object, typ: string): string {
    const header = base64url(JSON.stringify({ alg: 'EdDSA', kid: this.jwk.kid, typ }));
    const body = base64url(JSON.stringify(payload));
    const signature = sign(null, Buffer.from(`${header}.${body}`, 'ascii'), this.privateKey);
    return `${header}.${body}.${signature.toString('base64url')}`;
  }

  sign<T extends SignedEvent>(event: T): T & { signature: EventSignature } {
    const value = sign(null, Buffer.from(canonicalEvent(event), 'utf8'), this.privateKey).toString(
      'base64url',
    );
    return { ...event, signature: { keyId: this.jwk.kid, value } };
  }
}

/** Checks signatures with public keys only (a JWKS): what the projector and any third party hold. */
export class EventVerifier {
  readonly keys: Map<string, KeyObject>;

  constructor(jwks: ReadonlyArray<Pick<SigningJwk, 'kid' | 'x'>>) {
    this.keys = new Map(
      jwks.map((jwk) => [
        jwk.kid,
        createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: jwk.x }, format: 'jwk' }),
      ]),
    );
  }

  /** A compact JWS's payload (a checkpoint, a receipt) once it verifies, or why not. */
  compact(jws: string): { payload: unknown } | { problem: string } {
    return verifyCompactJws(jws, this.keys);
  }

  /** Why the event's signature fails, or undefined when it verifies (`canonical`: already computed). */
  problem(event: SignedEvent, canonical: string = canonicalEvent(event)): string | undefined {
    if (event.signature === undefined) return 'unsigned event';
    const key = this.keys.get(event.signature.keyId);
    if (key === undefined) return `signed by an unknown key ${event.signature.keyId.slice(0, 12)}`;
    const valid = verify(
      null,
      Buffer.from(canonical, 'utf8'),
      key,
      Buffer.from(event.signature.value, 'base64url'),
    );
    return valid ? undefined : 'forged event: the signature does not verify';
  }
}

/** A compact JWS's payload once its EdDSA signature verifies with one of `keys`, or why not. */
export function verifyCompactJws(
  jws: string,
  keys: ReadonlyMap<string, KeyObject>,
): { payload: unknown } | { problem: string } {
  const parts = jws.split('.');
  if (parts.length !== 3) return { problem: 'not a compact JWS' };
  let header: { alg?: unknown; kid?: unknown };
  let payload: unknown;
  try {
    header = JSON.parse(Buffer.from(parts[0], 'base64url').toString('utf8')) as typeof header;
    payload = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8'));
  } catch {
    return { problem: 'a JWS part is not base64url JSON' };
  }
  if (header.alg !== 'EdDSA') return { problem: `unexpected alg ${String(header.alg)}` };
  const key = typeof header.kid === 'string' ? keys.get(header.kid) : undefined;
  if (key === undefined) return { problem: `signed by an unknown key ${String(header.kid).slice(0, 12)}` };
  const valid = verify(
    null,
    Buffer.from(`${parts[0]}.${parts[1]}`, 'ascii'),
    key,
    Buffer.from(parts[2], 'base64url'),
  );
  return valid ? { payload } : { problem: 'the JWS signature does not verify' };
}

const base64url = (text: string) => Buffer.from(text, 'utf8').toString('base64url');

/** The ledger's signer from its configuration: LEDGER_SIGNING_KEY, else derived from the master key. */
export function eventSignerOf(config: {
  signingKey: Buffer | undefined;
  masterKey: Buffer | undefined;
}): EventSigner {
  if (config.signingKey !== undefined) return new EventSigner(config.signingKey);
  if (config.masterKey === undefined)
    throw new Error('LEDGER_MASTER_KEY (or LEDGER_SIGNING_KEY) is required to sign events');
  return EventSigner.fromMasterKey(config.masterKey);
}
