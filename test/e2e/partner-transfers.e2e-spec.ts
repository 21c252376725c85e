import { createHash } from 'node:crypto';
import { adminHeaders, readModelCaughtUp, useLedger } from '../support/test-ledger';

const source = { collectionPoint: 'e2e', method: 'web_form' };

interface Manifest {
  transferId: string;
  eventId: string;
  partner: string;
  channel: string;
  policy: { id: string; version: string };
  counts: { requested: number; sent: number; refused: Record<string, number> };
  listHash: string;
  sent: Array<{ ref: Record<string, string>; subjectId: string | null; reason: string; evidence: string[] }>;
}

describe('partner transfers with proof', () => {
  const ledger = useLedger('transfers', { projector: true });
  const call = (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
    fetch(`${ledger.api.url}${path}`, {
      method,
      headers: { ...adminHeaders(), ...headers },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
  let consentEventId: string;

  beforeAll(async () => {
    await call('PUT', '/v1/subjects/t-1', { kind: 'prospect', identifiers: { emails: ['t1@example.fr'] } });
    const consent = await call('POST', '/v1/subjects/t-1/consents', {
      purpose: 'partner_transfer',
      channels: ['email'],
      partner: 'mg-services',
      source,
      // A consent to an electronic transfer names its notice and its proof (issue 13, finding 1).
      notice: { id: 'partners-notice', version: '2026-01' },
      proof: { type: 'double_opt_in', ref: 't-1-doi' },
    });
    consentEventId = ((await consent.json()) as { eventId: string }).eventId;
    await call('PUT', '/v1/subjects/t-2', { kind: 'prospect' });
    await call('PUT', '/v1/subjects/t-3', { kind: 'b2b_contact' });
    await readModelCaughtUp(ledger.config);
  });

  it('sends only the allowed contacts, with a manifest whose list hash anyone can recompute', async () => {
    const response = await call('POST', '/v1/partner-transfers', {
      partner: 'mg-services',
      channel: 'email',
      subjects: [
        { email: 'T1@example.fr' },
        { subjectId: 't-2' },
        { subjectId: 't-3' },
        { subjectId: 'unknown' },
      ],
    });
    expect(response.status).toBe(201);
    const manifest = (await response.json()) as Manifest;
    expect(manifest).toMatchObject({
      partner: 'mg-services',
      channel: 'email',
      policy: { id: 'lmg-privacy-policy' },
      // A subject the ledger never saw is refused as such (issue 13, finding 4).
      counts: { requested: 4, sent: 2, refused: { consent_missing: 1, subject_unknown: 1 } },
      sent: [
        {
          ref: { email: 'T1@example.fr' },
          subjectId: 't-1',
          reason: 'consent_given',
          evidence: [consentEventId],
        },
        { ref: { subjectId: 't-3' }, subjectId: 't-3', reason: 'b2b_exception', evidence: [] },
      ],
    });
    const recomputed = createHash('sha256')
      .update(manifest.sent.map((s) => `${JSON.stringify(s.ref)}\n`).join(''))
      .digest('hex');
    expect(manifest.listHash).toBe(recomputed);

    const stored = await call('GET', `/v1/partner-transfers/${manifest.transferId}`);
    expect(stored.status).toBe(200);
    expect(await stored.json()).toEqual({
      ...manifest,
      position: undefined,
      recordedBy: 'admin',
    } as unknown as Manifest);
  });

  it('answers a retried request with the first manifest', async () => {
    const body = { partner: 'lmg-assurances', channel: 'post', subjects: [{ subjectId: 't-2' }] };
    const first = (await (
      await call('POST', '/v1/partner-transfers', body, { 'idempotency-key': 'tr-1' })
    ).json()) as Manifest;
    const again = (await (
      await call('POST', '/v1/partner-transfers', body, { 'idempotency-key': 'tr-1' })
    ).json()) as Manifest;
    expect(again.transferId).toBe(first.transferId);
    expect(again.counts).toEqual({ requested: 1, sent: 1, refused: {} });
  });

  it('refuses lists that are empty or too long, and unknown transfers', async () => {
    expect(
      (
        await call('POST', '/v1/partner-transfers', {
          partner: 'mg-services',
          channel: 'email',
          subjects: [],
        })
      ).status,
    ).toBe(400);
    const many = Array.from({ length: 2001 }, (_, i) => ({ subjectId: `s-${i}` }));
    expect(
      (
        await call('POST', '/v1/partner-transfers', {
          partner: 'mg-services',
          channel: 'email',
          subjects: many,
        })
      ).status,
    ).toBe(400);
    expect((await call('GET', '/v1/partner-transfers/00000000-0000-7000-8000-000000000000')).status).toBe(
      404,
    );
  });
});
