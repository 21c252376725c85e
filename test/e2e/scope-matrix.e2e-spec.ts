import { SCOPES, type Scope } from '../../apps/ledger-api/src/auth/scopes';
import { ROUTES, type LedgerRoute } from '../../apps/ledger-api/src/http/routes';
import { adminHeaders, useLedger } from '../support/test-ledger';

const PATH_VALUES: Record<string, string> = {
  subjectId: 's-1',
  callId: 'c-1',
  transferId: '8f14e45f-ceea-467f-a8f4-3c7d5a1b2e90',
  keyId: '0123456789abcdef',
};

const urlOf = (base: string, route: LedgerRoute): string =>
  base + route.path.replace(/\{(\w+)\}/g, (_, name: string) => PATH_VALUES[name]);

function send(base: string, route: LedgerRoute, authorization?: string): Promise<Response> {
  const contentType = route.body === 'ndjson' ? 'application/x-ndjson' : 'application/json';
  return fetch(urlOf(base, route), {
    method: route.method,
    headers: {
      ...(authorization ? { authorization } : {}),
      ...(route.body !== 'none' ? { 'content-type': contentType } : {}),
    },
    ...(route.body === 'json'
      ? { body: '{}' }
      : route.body === 'ndjson'
        ? { body: '{"subjectId":"s-1"}\n' }
        : {}),
  });
}

/** Generated from the route table the guard reads: every guarded route, without a key and without its scope. */
describe('the scope matrix', () => {
  const ledger = useLedger('scopes', { projector: false });
  const lacking = new Map<Scope, string>();
  let consoleOnly: string;
  const guarded = ROUTES.filter((route) => route.scope !== 'public');

  beforeAll(async () => {
    // For each scope, a key with every other scope but admin (admin holds them all) and console
    // (it opens the console's reads whatever their own scope).
    for (const scope of SCOPES) {
      const others = SCOPES.filter((s) => s !== scope && s !== 'admin' && s !== 'console');
      const response = await fetch(`${ledger.api.url}/v1/api-keys`, {
        method: 'POST',
        headers: adminHeaders(),
        body: JSON.stringify({ name: `without-${scope.replace(':', '-')}`, scopes: others }),
      });
      lacking.set(scope, `Bearer ${((await response.json()) as { apiKey: string }).apiKey}`);
    }
    const minted = await fetch(`${ledger.api.url}/v1/api-keys`, {
      method: 'POST',
      headers: adminHeaders(),
      body: JSON.stringify({ name: 'console-only', scopes: ['console'] }),
    });
    consoleOnly = `Bearer ${((await minted.json()) as { apiKey: string }).apiKey}`;
  });

  it.each(guarded.map((route) => [`${route.method} ${route.path}`, route] as const))(
    '%s: 401 without a key',
    async (_name, route) => {
      const response = await send(ledger.api.url, route);
      expect(response.status).toBe(401);
      expect(response.headers.get('content-type')).toMatch(/application\/problem\+json/);
    },
  );

  it.each(guarded.map((route) => [`${route.method} ${route.path}`, route] as const))(
    '%s: 403 with a key lacking its scope',
    async (_name, route) => {
      const response = await send(ledger.api.url, route, lacking.get(route.scope as Scope));
      expect(response.status).toBe(403);
      expect(await response.json()).toMatchObject({
        type: 'urn:consent-ledger:problem:forbidden',
        requiredScope: route.scope,
      });
    },
  );

  it.each(guarded.map((route) => [`${route.method} ${route.path}`, route] as const))(
    '%s: a console-only key passes the guard on the console reads, and only there',
    async (_name, route) => {
      const response = await send(ledger.api.url, route, consoleOnly);
      // Past the guard a request can still be refused (400, 404), but never for its scope.
      if (route.console) expect([401, 403]).not.toContain(response.status);
      else expect(response.status).toBe(403);
    },
  );

  it.each(ROUTES.filter((route) => route.scope === 'public').map((route) => [route.path, route] as const))(
    '%s answers without a key',
    async (_name, route) => {
      const response = await send(ledger.api.url, route);
      expect([200, 503]).toContain(response.status);
    },
  );
});
