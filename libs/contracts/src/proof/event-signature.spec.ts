import {
  giveConsent,
  openPersonalData,
  sealPersonalData,
  registerSubject,
  type LedgerEvent,
} from '@ledger/domain';
import { InMemoryDataKeys } from '@ledger/testing';
import { decodeEvent, encodeEvent, UndecodableEventError } from '../event-codec/cloud-event.codec';
import { PersonalDataVault } from '../personal-data/personal-data-vault';
import { canonicalEvent, EventSigner, EventVerifier } from './event-signature';

const signer = new EventSigner(Buffer.alloc(32, 1));
const verifier = new EventVerifier([signer.jwk]);
const at = '2026-11-29T10:00:00.000Z';
const consent = giveConsent(
  {
    subjectId: 's-1',
    actor: { type: 'subject' },
    source: { collectionPoint: 'web', method: 'web_form', client: 'crm' },
    purpose: 'prospecting',
    channels: ['email'],
    notice: { id: 'n', version: '1' },
  },
  { eventId: 'e-1', now: at },
);
const wire = (event: LedgerEvent) => {
  const { key, value, headers } = encodeEvent(event);
  return { key, value, headers };
};

describe('signed events (Ed25519 over the RFC 8785 form as written)', () => {
  it('a signed event decodes and verifies with the public key alone; its kid is the JWK thumbprint', () => {
    const decoded = decodeEvent(wire(signer.sign(consent)), { verifier });
    expect(decoded).toMatchObject({ id: 'e-1', signature: { keyId: signer.jwk.kid } });
    expect(signer.jwk).toMatchObject({
      kty: 'OKP',
      crv: 'Ed25519',
      alg: 'EdDSA',
      kid: expect.stringMatching(/^[\w-]{43}$/),
    });
  });

  it('unsigned, signed by another key, or changed after signing: undecodable, each with its reason', () => {
    const other = new EventSigner(Buffer.alloc(32, 2));
    const signed = signer.sign(consent);
    const changed = { ...signed, data: { ...signed.data, channels: ['sms'] } } as LedgerEvent;
    const relabelled = { ...signed, recordedAt: '2020-01-01T00:00:00.000Z' } as LedgerEvent;
    const problem = (event: LedgerEvent) => {
      try {
        decodeEvent(wire(event), { verifier });
        return 'decoded';
      } catch (error) {
        expect(error).toBeInstanceOf(UndecodableEventError);
        return (error as Error).message;
      }
    };
    expect(problem(consent)).toBe('unsigned event');
    expect(problem(other.sign(consent))).toMatch(/^signed by an unknown key/);
    expect(problem(changed)).toBe('forged event: the signature does not verify');
    expect(problem(relabelled)).toBe('forged event: the signature does not verify');
    // Without a verifier (a reader that checks nothing), the same records decode.
    expect(() => decodeEvent(wire(changed))).not.toThrow();
  });

  it('the canonical form does not depend on key order; it covers the sealed values, so erasure keeps it verifiable', async () => {
    const { data, ...envelope } = consent;
    const reordered = JSON.parse(JSON.stringify({ data, ...envelope })) as LedgerEvent;
    expect(canonicalEvent(reordered)).toBe(canonicalEvent(consent));
    const keys = new InMemoryDataKeys();
    const vault = new PersonalDataVault(keys, Buffer.alloc(32, 3));
    const registered = registerSubject(
      {
        subjectId: 's-2',
        actor: { type: 'subject' },
        source: { collectionPoint: 'web', method: 'web_form', client: 'crm' },
        kind: 'prospect',
        identifiers: { emails: ['a@x.fr'], phones: [] },
        identifierKeys: { emails: ['ab'.repeat(32)], phones: [] },
      },
      { eventId: 'e-2', now: at },
    );
    const record = wire(signer.sign(await sealPersonalData(registered, vault)));
    await keys.destroy('s-2', at);
    vault.forget('s-2');
    const decoded = decodeEvent(record, { verifier });
    expect((await openPersonalData(decoded, vault)).personalData).toBe('erased');
  });
});
