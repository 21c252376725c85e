import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { allowedMethods, errorStatuses, grants, routeOf, ROUTES, scopeLabel } from './routes';

describe('the route table', () => {
  it('is what README lists, row for row', () => {
    const readme = readFileSync(join(__dirname, '../../../../README.md'), 'utf8');
    const section = readme.slice(
      readme.indexOf('<!-- routes:begin -->'),
      readme.indexOf('<!-- routes:end -->'),
    );
    const rows = section
      .split('\n')
      .filter((line) => line.startsWith('| `'))
      .map((line) => line.split('|').map((cell) => cell.trim().replace(/`/g, '')))
      .map(([, method, path, scope, statuses]) => `${method} ${path} ${scope} ${statuses}`);
    expect(rows).toEqual(
      ROUTES.map(
        (route) => `${route.method} ${route.path} ${scopeLabel(route)} ${errorStatuses(route).join(', ')}`,
      ),
    );
  });

  it('finds the row of a Fastify route, HEAD by its GET', () => {
    expect(routeOf('GET', '/v1/subjects/:subjectId')?.scope).toBe('decisions:read');
    expect(routeOf('HEAD', '/health')?.scope).toBe('public');
    expect(routeOf('PATCH', '/v1/subjects/:subjectId')).toBeUndefined();
  });

  it('knows the methods of a concrete path, for 405 Allow', () => {
    expect(allowedMethods('/v1/subjects/s-1').sort()).toEqual(['GET', 'HEAD', 'PUT']);
    expect(allowedMethods('/v1/calls/c-1/start')).toEqual(['POST']);
    // A literal resource beside a parameter of the same depth: only its own methods.
    expect(allowedMethods('/v1/decisions/batch')).toEqual(['POST']);
    expect(allowedMethods('/v1/decisions/0190aaaa-bbbb-7ccc-8ddd-eeeeeeeeeeee').sort()).toEqual([
      'GET',
      'HEAD',
    ]);
    expect(allowedMethods('/v1/nothing')).toEqual([]);
  });

  it('gives every guarded route 401, 403, 429 and 503, and body routes 413 and 415', () => {
    for (const route of ROUTES.filter((r) => r.scope !== 'public')) {
      expect(errorStatuses(route)).toEqual(expect.arrayContaining([400, 401, 403, 429, 503]));
      if (route.body !== 'none') expect(errorStatuses(route)).toEqual(expect.arrayContaining([413, 415]));
    }
  });

  it('opens console reads to a console key, and nothing it writes', () => {
    const consoleRoutes = ROUTES.filter((route) => grants(['console'], route) && route.scope !== 'public');
    expect(consoleRoutes.map((r) => `${r.method} ${r.path}`)).toEqual(
      expect.arrayContaining(['GET /v1/subjects/{subjectId}/history', 'GET /v1/rights-requests']),
    );
    // A console reads: no write, no key minting, no export of a whole subject.
    for (const route of consoleRoutes) expect(route.idempotent).toBe(false);
    expect(grants(['console'], routeOf('POST', '/v1/subjects/:subjectId/consents')!)).toBe(false);
    expect(grants(['console'], routeOf('POST', '/v1/api-keys')!)).toBe(false);
    expect(grants(['decisions:read'], routeOf('GET', '/v1/subjects/:subjectId/history')!)).toBe(false);
  });
});
