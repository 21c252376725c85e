import {
  openPersonalData,
  recordPartnerTransfer,
  registerSubject,
  sealPersonalData,
  type LedgerEvent,
} from '@ledger/domain';
import { InMemoryDataKeys } from '@ledger/testing';
import { decodeEvent, encodeEvent, UndecodableEventError } from '../event-codec/cloud-event.codec';
import { IdentifierHasher } from './identifier-hasher';
import { deriveKeys } from './master-key';
import { PersonalDataVault } from './personal-data-vault';

const keys = deriveKeys(Buffer.alloc(32, 4));
const hasher = new IdentifierHasher(keys.identifiers);
const identifiers = { emails: ['marie@example.fr'], phones: ['+33612345678'], memberNumber: 'M-77' };
const provenance = (subjectId: string) => ({
  subjectId,
  actor: { type: 'subject' as const },
  source: { collectionPoint: 'test', method: 'web_form' as const, client: 'test' },
  proof: { type: 'email_archive' as const, ref: 'msg-marie@example.fr' },
});
const context = { eventId: 'e-1', now: '2026-11-29T10:00:00.000Z' };
const registered = registerSubject(
  { ...provenance('s-1'), kind: 'prospect', identifiers, identifierKeys: hasher.hashAll(identifiers) },
  context,
);
const setUp = () => {
  const store = new InMemoryDataKeys();
  return { store, vault: new PersonalDataVault(store, keys.wrapping) };
};
const wire = (event: LedgerEvent) => {
  const message = encodeEvent(event);
  return { key: message.key, value: message.value, headers: message.headers };
};

describe('sealing personal data with a per-person key', () => {
  it('seals identifiers and proof references; the log record holds none in clear and reads back whole', async () => {
    const { vault, store } = setUp();
    const sealed = await sealPersonalData(registered, vault);
    const message = wire(sealed);
    const bytes = message.value.toString() + JSON.stringify(message.headers);
    for (const value of ['marie@example.fr', '+33612345678', 'M-77']) expect(bytes).not.toContain(value);
    expect(message.headers.ce_sealed).toBe('v1');
    // The hashes stay (the index and the suppression list compare them), the wrapped key is stored.
    expect(bytes).toContain(hasher.hash('email', 'marie@example.fr'));
    expect(store.keys.get('s-1')).toHaveProperty('wrapped');

    const decoded = decodeEvent(message);
    expect(decoded).toMatchObject({ sealed: true });
    expect(await openPersonalData(decoded, vault)).toEqual(registered);
  });

  it('once the key is destroyed, values read as null and the event says erased; no new seal for that person', async () => {
    const { vault, store } = setUp();
    const sealed = await sealPersonalData(registered, vault);
    await store.destroy('s-1', '2026-12-01T00:00:00.000Z');
    vault.forget('s-1');
    const opened = await openPersonalData(sealed, vault);
    expect(opened.personalData).toBe('erased');
    expect(opened.data).toMatchObject({
      identifiers: { emails: [null], phones: [null], memberNumber: null },
    });
    expect(opened.proof?.ref).toBeNull();
    await expect(sealPersonalData(registered, vault)).rejects.toMatchObject({ code: 'subject_erased' });
    expect(await vault.isErased('s-1')).toBe(true);
  });

  it('a value sealed for one person cannot be opened as another’s (the owner is authenticated)', async () => {
    const { vault } = setUp();
    const token = await vault.seal('s-1', 'secret');
    await vault.seal('s-2', 'other');
    await expect(vault.open('s-2', token)).rejects.toThrow();
    expect(await vault.open('s-1', token)).toEqual({ value: 'secret' });
  });

  it('contacts sent to a partner are sealed each with their own person’s key', async () => {
    const { vault, store } = setUp();
    const transfer = recordPartnerTransfer(
      {
        ...provenance('transfer:t-1'),
        transfer: {
          transferId: 't-1',
          partner: 'mg-services',
          channel: 'email',
          policy: { id: 'p', version: '1' },
          decidedAt: context.now,
          counts: { requested: 2, sent: 2, refused: {} },
          listHash: '0'.repeat(64),
          sent: [
            { ref: { email: 'a@x.fr' }, subjectId: 's-a', reason: 'consent_given', evidence: [] },
            { ref: { email: 'b@x.fr' }, subjectId: null, reason: 'consent_given', evidence: [] },
          ],
        },
      },
      context,
    );
    const sealed = await sealPersonalData(transfer, vault);
    expect(JSON.stringify(sealed)).not.toContain('@x.fr');
    expect([...store.keys.keys()].sort()).toEqual(['s-a', 'transfer:t-1']);
    await store.destroy('s-a', context.now);
    vault.forget('s-a');
    const opened = await openPersonalData(decodeEvent(wire(sealed)), vault);
    expect((opened.data as typeof transfer.data).sent.map((s) => s.ref)).toEqual([null, { email: 'b@x.fr' }]);
  });

  it('a record that says sealed but carries a clear identifier is refused (dead-lettered)', async () => {
    const message = wire({ ...registered, proof: undefined, sealed: true } as LedgerEvent);
    expect(() => decodeEvent(message)).toThrow(UndecodableEventError);
  });
});
