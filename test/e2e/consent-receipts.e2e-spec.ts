import { createHmac, hkdfSync } from 'node:crypto';
import { TEST_MASTER_KEY } from '@ledger/testing';
import { adminCaller, useLedger } from '../support/test-ledger';

/** jose is ESM only: loaded the way an ESM consumer would, through import(). */
const jose = () => import('jose');

describe('consent receipts (issue 15, acceptance 2)', () => {
  const ledger = useLedger('receipts', { projector: false });
  const call = adminCaller(ledger);
  const consent = {
    purpose: 'partner_transfer',
    partner: 'mg-services',
    channels: ['email', 'phone'],
    notice: { id: 'partner-notice', version: '2026-11' },
    source: { collectionPoint: 'espace-adherent/preferences', method: 'web_form' },
    occurredAt: '2026-11-20T09:30:00.000Z',
    expiresAt: '2029-11-20T09:30:00.000Z',
    proof: { type: 'double_opt_in', ref: 'doi-42' },
  };

  it('a consent answers a Kantara receipt that verifies with only the JWKS and a standard JOSE library', async () => {
    const given = await call('POST', '/v1/subjects/rc-anne/consents', consent);
    expect(given.status).toBe(201);
    expect(given.body.receipt).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);

    const { createLocalJWKSet, jwtVerify, decodeProtectedHeader } = await jose();
    const jwks = (await (await fetch(`${ledger.api.url}/.well-known/jwks.json`)).json()) as Parameters<
      typeof createLocalJWKSet
    >[0];
    const { payload } = await jwtVerify(given.body.receipt as string, createLocalJWKSet(jwks), {
      algorithms: ['EdDSA'],
      issuer: 'urn:consent-ledger',
    });
    expect(decodeProtectedHeader(given.body.receipt as string)).toMatchObject({ alg: 'EdDSA', typ: 'JWT' });

    // The principal is pseudonymous: the controller (holder of the master key) can link it, nobody else.
    const key = Buffer.from(
      hkdfSync(
        'sha256',
        Buffer.from(TEST_MASTER_KEY, 'base64'),
        Buffer.alloc(0),
        'consent-ledger/receipt-principal/v1',
        32,
      ),
    );
    const principal = createHmac('sha256', key).update('rc-anne').digest('base64url');
    expect(JSON.stringify(payload)).not.toContain('rc-anne');
    expect(payload).toMatchObject({
      version: 'KI-CR-v1.1.0',
      jurisdiction: 'FR',
      consentTimestamp: Date.parse(consent.occurredAt) / 1000,
      collectionMethod: 'web_form (espace-adherent/preferences)',
      consentReceiptID: given.body.eventId,
      jti: given.body.eventId,
      piiPrincipalId: principal,
      sub: principal,
      piiControllers: [
        expect.objectContaining({
          piiController: expect.stringContaining('La Mutuelle Générale'),
          email: 'mesdonnees@lamutuellegenerale.fr',
        }),
      ],
      policyUrl: expect.stringMatching(/^https:\/\//),
      services: [
        {
          service: 'partner_transfer',
          purposes: [
            expect.objectContaining({
              purpose: 'partner_transfer',
              consentType: 'EXPLICIT',
              piiCategory: ['contact:email', 'contact:phone'],
              termination: `expires ${consent.expiresAt}`,
              thirdPartyDisclosure: true,
              thirdPartyName: 'mg-services',
            }),
          ],
        },
      ],
      notice: consent.notice,
      policy: { id: 'lmg-privacy-policy', version: expect.stringMatching(/^2026-08-11/) },
    });
    expect(payload.iat).toEqual(expect.any(Number));

    // A receipt changed after signing does not verify.
    const [header, body, signature] = (given.body.receipt as string).split('.');
    const altered = Buffer.from(JSON.stringify({ ...payload, services: [] }), 'utf8').toString('base64url');
    expect(body).not.toBe(altered);
    await expect(jwtVerify(`${header}.${altered}.${signature}`, createLocalJWKSet(jwks))).rejects.toThrow(
      /signature verification failed/,
    );
  });

  it('a retried consent (same Idempotency-Key) answers the very same receipt', async () => {
    const headers = { 'idempotency-key': 'receipt-retry-1' };
    const first = await call(
      'POST',
      '/v1/subjects/rc-bob/consents',
      { ...consent, partner: 'lmg-assurances' },
      headers,
    );
    const again = await call(
      'POST',
      '/v1/subjects/rc-bob/consents',
      { ...consent, partner: 'lmg-assurances' },
      headers,
    );
    expect(first.status).toBe(201);
    expect(again.body).toEqual(first.body);
  });

  it('the OpenAPI document describes the receipt in the consent answer', async () => {
    const document = (await (await fetch(`${ledger.api.url}/openapi.json`)).json()) as {
      paths: Record<
        string,
        Record<
          string,
          { responses: Record<string, { content?: Record<string, { schema: { $ref: string } }> }> }
        >
      >;
      components: { schemas: Record<string, { properties: Record<string, unknown> }> };
    };
    const created = document.paths['/v1/subjects/{subjectId}/consents'].post.responses['201'];
    const ref = created.content!['application/json'].schema.$ref.split('/').pop()!;
    expect(Object.keys(document.components.schemas[ref].properties)).toEqual(
      expect.arrayContaining(['eventId', 'position', 'receipt']),
    );
  });
});
