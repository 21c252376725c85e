import { errorStatuses, ROUTES } from '../../apps/ledger-api/src/http/routes';
import { useLedger } from '../support/test-ledger';

describe('the OpenAPI document', () => {
  const ledger = useLedger('openapi', { projector: false });

  it('is served as JSON, generated from the DTOs, listing every route of the app', async () => {
    const response = await fetch(`${ledger.api.url}/openapi.json`);
    expect(response.status).toBe(200);
    const document = (await response.json()) as {
      openapi: string;
      paths: Record<string, Record<string, unknown>>;
      components: { schemas: Record<string, { properties?: Record<string, { enum?: string[] }> }> };
    };
    expect(document.openapi).toMatch(/^3\./);
    expect(Object.keys(document.paths).sort()).toEqual([
      '/.well-known/jwks.json',
      '/health',
      '/v1/api-keys',
      '/v1/api-keys/{keyId}',
      '/v1/calls/{callId}/outcome',
      '/v1/calls/{callId}/recording-objections',
      '/v1/calls/{callId}/start',
      '/v1/decisions',
      '/v1/decisions/batch',
      '/v1/decisions/{decisionId}',
      '/v1/partner-transfers',
      '/v1/partner-transfers/{transferId}',
      '/v1/recordings/due-for-destruction',
      '/v1/rights-requests',
      '/v1/rights-requests/{requestId}/completion',
      '/v1/rights-requests/{requestId}/extension',
      '/v1/rights-requests/{requestId}/refusal',
      '/v1/schemas/subject-export',
      '/v1/statistics/choices',
      '/v1/subject-lookups',
      '/v1/subjects/{subjectId}',
      '/v1/subjects/{subjectId}/consent-withdrawals',
      '/v1/subjects/{subjectId}/consents',
      '/v1/subjects/{subjectId}/contacts',
      '/v1/subjects/{subjectId}/cookie-choices',
      '/v1/subjects/{subjectId}/decisions',
      '/v1/subjects/{subjectId}/export',
      '/v1/subjects/{subjectId}/history',
      '/v1/subjects/{subjectId}/opposition-withdrawals',
      '/v1/subjects/{subjectId}/oppositions',
      '/v1/subjects/{subjectId}/post-mortem-directives',
      '/v1/subjects/{subjectId}/preferences',
      '/v1/subjects/{subjectId}/relationships',
      '/v1/subjects/{subjectId}/relationships/{contractRef}/end',
      '/v1/subjects/{subjectId}/restriction-lifts',
      '/v1/subjects/{subjectId}/restrictions',
    ]);
    expect(document.components.schemas.ChoiceBody.properties?.purpose.enum).toContain('partner_transfer');
    expect(document.components.schemas.GiveConsentBody.properties).toHaveProperty('expiresAt');
    const historyParameters = (
      document.paths['/v1/subjects/{subjectId}/history'].get as {
        parameters: Array<{ name: string; in: string }>;
      }
    ).parameters;
    expect(historyParameters.filter((p) => p.in === 'query').map((p) => p.name)).toEqual(
      expect.arrayContaining(['from', 'limit', 'consistentWith']),
    );
  });

  it('lists, for every route, each status the route can give, as problem+json with Retry-After where it applies', async () => {
    type Response = { content?: Record<string, unknown>; headers?: Record<string, unknown> };
    const document = (await (await fetch(`${ledger.api.url}/openapi.json`)).json()) as {
      paths: Record<string, Record<string, { responses: Record<string, Response>; parameters?: unknown[] }>>;
    };
    for (const route of ROUTES.filter((r) => r.documented)) {
      const responses = document.paths[route.path][route.method.toLowerCase()].responses;
      for (const status of errorStatuses(route)) {
        expect([route.path, status, Object.keys(responses[String(status)]?.content ?? {})]).toEqual([
          route.path,
          status,
          ['application/problem+json'],
        ]);
        if (status === 429 || status === 503)
          expect(responses[String(status)].headers).toHaveProperty('Retry-After');
      }
    }
    const write = document.paths['/v1/subjects/{subjectId}/consents'].post;
    expect(Object.keys(write.responses).sort()).toEqual([
      '201',
      '400',
      '401',
      '403',
      '410',
      '413',
      '415',
      '422',
      '429',
      '431',
      '503',
    ]);
    expect(write.parameters).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ name: 'subjectId', in: 'path', required: true }),
        expect.objectContaining({ name: 'Idempotency-Key', in: 'header' }),
      ]),
    );
  });

  it('is browsable as a page', async () => {
    const response = await fetch(`${ledger.api.url}/docs`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/text\/html/);
    expect(await response.text()).toContain('swagger');
  });
});
