import type { Scope } from '../auth/scopes';

export type RouteMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

/**
 * One row per route: the guard takes its scope from here, the OpenAPI document its error
 * responses, README its route table (a unit test keeps README in step).
 */
export interface LedgerRoute {
  method: RouteMethod;
  /** OpenAPI form, `{name}` for a path parameter. */
  path: string;
  scope: Scope | 'public';
  /** What the request carries: JSON (64 KiB at most), a streamed NDJSON list, or nothing. */
  body: 'json' | 'ndjson' | 'none';
  /** Accepts `Idempotency-Key` (a retry is answered from the first outcome; 422 if the body differs). */
  idempotent: boolean;
  /** Statuses particular to the route, besides those every route of its kind can give. */
  statuses: readonly number[];
  /** Listed in the OpenAPI document (the Prometheus endpoint is not an API operation). */
  documented: boolean;
  /** Also open to a key with the `console` scope: a read the DPO console shows. */
  console: boolean;
  summary: string;
}

type RouteRow = Pick<LedgerRoute, 'method' | 'path' | 'scope' | 'summary'> & Partial<LedgerRoute>;

const write = (row: RouteRow): LedgerRoute => ({
  body: 'json',
  idempotent: true,
  statuses: [],
  documented: true,
  console: false,
  ...row,
});
const read = (row: RouteRow): LedgerRoute => ({
  body: 'none',
  idempotent: false,
  statuses: [],
  documented: true,
  console: false,
  ...row,
});

export const ROUTES: readonly LedgerRoute[] = [
  read({
    method: 'GET',
    path: '/health',
    scope: 'public',
    summary: 'readiness of the ledger',
    statuses: [503],
  }),
  read({
    method: 'GET',
    path: '/.well-known/jwks.json',
    scope: 'public',
    summary: "the public keys that verify the ledger's event signatures (JWKS)",
  }),
  read({
    method: 'GET',
    path: '/metrics',
    scope: 'public',
    summary: 'Prometheus metrics',
    documented: false,
  }),
  write({
    method: 'PUT',
    path: '/v1/subjects/{subjectId}',
    scope: 'events:write',
    summary: 'register a subject and its identifiers',
    statuses: [409],
  }),
  read({
    method: 'GET',
    path: '/v1/subjects/{subjectId}',
    console: true,
    scope: 'decisions:read',
    summary: 'current state of a subject (identifiers masked without rights:manage or console)',
    statuses: [404],
  }),
  read({
    method: 'POST',
    path: '/v1/subject-lookups',
    scope: 'rights:manage',
    console: true,
    summary: 'find a subject by id, email or phone (in the body, never in a URL)',
    body: 'json',
    statuses: [404],
  }),
  read({
    method: 'GET',
    path: '/v1/subjects/{subjectId}/export',
    scope: 'rights:manage',
    summary: 'everything held on a subject, streamed: JSON bundle, or the history as CSV',
    statuses: [404],
  }),
  read({
    method: 'GET',
    path: '/v1/schemas/subject-export',
    scope: 'public',
    summary: 'the JSON Schema of an export',
  }),
  read({
    method: 'GET',
    path: '/v1/subjects/{subjectId}/history',
    console: true,
    scope: 'rights:manage',
    summary: "a subject's events, oldest first, paged",
    statuses: [404],
  }),
  write({
    method: 'POST',
    path: '/v1/subjects/{subjectId}/consents',
    scope: 'events:write',
    summary: 'give consent',
  }),
  write({
    method: 'POST',
    path: '/v1/subjects/{subjectId}/consent-withdrawals',
    scope: 'events:write',
    summary: 'withdraw consent',
  }),
  write({
    method: 'POST',
    path: '/v1/subjects/{subjectId}/oppositions',
    scope: 'events:write',
    summary: 'register an opposition',
  }),
  write({
    method: 'POST',
    path: '/v1/subjects/{subjectId}/opposition-withdrawals',
    scope: 'events:write',
    summary: 'withdraw an opposition',
  }),
  write({
    method: 'PUT',
    path: '/v1/subjects/{subjectId}/preferences',
    scope: 'events:write',
    summary: 'set channel and topic preferences',
  }),
  write({
    method: 'POST',
    path: '/v1/subjects/{subjectId}/contacts',
    scope: 'events:write',
    summary: 'record a contact (counts towards canvassing limits)',
  }),
  write({
    method: 'POST',
    path: '/v1/subjects/{subjectId}/relationships',
    scope: 'events:write',
    summary: 'record a contract the person holds (soft opt-in, contract in progress)',
  }),
  write({
    method: 'POST',
    path: '/v1/subjects/{subjectId}/relationships/{contractRef}/end',
    scope: 'events:write',
    summary: 'record the end of a contract',
    statuses: [404],
  }),
  write({
    method: 'POST',
    path: '/v1/subjects/{subjectId}/cookie-choices',
    scope: 'events:write',
    summary: 'record cookie banner choices',
  }),
  read({
    method: 'POST',
    path: '/v1/decisions',
    console: true,
    scope: 'decisions:read',
    summary: 'may this be done to this person now?',
    body: 'json',
  }),
  read({
    method: 'GET',
    path: '/v1/decisions/{decisionId}',
    console: true,
    scope: 'decisions:read',
    summary: 'explain a logged decision: question, answer, rules then in force, evidence',
    statuses: [404],
  }),
  read({
    method: 'GET',
    path: '/v1/subjects/{subjectId}/decisions',
    scope: 'decisions:read',
    console: true,
    summary: 'the logged decisions about a subject, latest first, paged',
  }),
  read({
    method: 'POST',
    path: '/v1/decisions/batch',
    scope: 'lists:filter',
    summary: 'answer a streamed NDJSON list of subjects',
    body: 'ndjson',
  }),
  write({
    method: 'POST',
    path: '/v1/calls/{callId}/start',
    scope: 'calls:write',
    summary: 'may this call start, and may it be recorded? (a call that may start is recorded)',
    statuses: [404],
  }),
  write({
    method: 'POST',
    path: '/v1/subjects/{subjectId}/restrictions',
    scope: 'rights:manage',
    summary: 'restrict processing (GDPR art. 18): consent and legitimate-interest purposes held',
  }),
  write({
    method: 'POST',
    path: '/v1/subjects/{subjectId}/restriction-lifts',
    scope: 'rights:manage',
    summary: 'lift a restriction of processing',
  }),
  write({
    method: 'POST',
    path: '/v1/subjects/{subjectId}/post-mortem-directives',
    scope: 'rights:manage',
    summary: 'record post-mortem directives (loi Informatique et Libertés art. 85); shown with the state',
  }),
  write({
    method: 'POST',
    path: '/v1/rights-requests',
    scope: 'rights:manage',
    summary: 'record a rights request received (due in one calendar month)',
    statuses: [404],
  }),
  write({
    method: 'POST',
    path: '/v1/rights-requests/{requestId}/extension',
    scope: 'rights:manage',
    summary: 'extend a request once, with a reason, while its first month runs',
    statuses: [404, 409],
  }),
  write({
    method: 'POST',
    path: '/v1/rights-requests/{requestId}/completion',
    scope: 'rights:manage',
    summary: 'record that a request was answered',
    statuses: [404, 409],
  }),
  write({
    method: 'POST',
    path: '/v1/rights-requests/{requestId}/refusal',
    scope: 'rights:manage',
    summary: 'refuse a request as manifestly unfounded or excessive, justified',
    statuses: [404, 409],
  }),
  read({
    method: 'GET',
    path: '/v1/rights-requests',
    console: true,
    scope: 'rights:manage',
    summary: 'the DPO board: requests by deadline, overdue and due soon marked',
  }),
  read({
    method: 'GET',
    path: '/v1/statistics/choices',
    scope: 'rights:manage',
    console: true,
    summary: 'consents and oppositions recorded per day, by purpose and channel',
  }),
  read({
    method: 'GET',
    path: '/v1/recordings/due-for-destruction',
    scope: 'calls:write',
    summary: 'call recordings and analysis grids to destroy by a date',
  }),
  write({
    method: 'POST',
    path: '/v1/calls/{callId}/recording-objections',
    scope: 'calls:write',
    summary: 'the caller objects to recording',
    statuses: [404],
  }),
  write({
    method: 'POST',
    path: '/v1/calls/{callId}/outcome',
    scope: 'calls:write',
    summary: "record a call's outcome",
    statuses: [404],
  }),
  write({
    method: 'POST',
    path: '/v1/partner-transfers',
    scope: 'lists:filter',
    summary: 'select and record contacts handed to a partner',
  }),
  read({
    method: 'GET',
    path: '/v1/partner-transfers',
    scope: 'lists:filter',
    console: true,
    summary: 'partner transfers, newest first, paged (summaries; the manifest by id)',
  }),
  read({
    method: 'GET',
    path: '/v1/partner-transfers/{transferId}',
    console: true,
    scope: 'lists:filter',
    summary: 'manifest of a partner transfer',
    statuses: [404],
  }),
  write({
    method: 'POST',
    path: '/v1/api-keys',
    scope: 'admin',
    summary: 'mint an API key (its secret is shown once)',
    idempotent: false,
  }),
  read({
    method: 'DELETE',
    path: '/v1/api-keys/{keyId}',
    scope: 'admin',
    summary: 'revoke an API key',
    statuses: [404],
  }),
];

/** Whether a key's scopes open a route: its own scope, `admin`, or `console` on a console read. */
export function grants(scopes: readonly Scope[], route: LedgerRoute): boolean {
  if (route.scope === 'public') return true;
  return (
    scopes.includes(route.scope) || scopes.includes('admin') || (route.console && scopes.includes('console'))
  );
}

/** The scopes README lists for a route. */
export const scopeLabel = (route: LedgerRoute): string =>
  route.console ? `${route.scope}, console` : route.scope;

/** Writes that record an event about a person (not an API key, not a transfer manifest). */
const ERASABLE_WRITE = /^\/v1\/(subjects|calls|rights-requests)\b/;

/** Every status a route can answer with besides its success. */
export function errorStatuses(route: LedgerRoute): number[] {
  // 431: headers and URL past Node's 16 KiB, refused before any route.
  const statuses = new Set<number>([429, 431, ...route.statuses]);
  if (route.scope !== 'public') [400, 401, 403, 503].forEach((s) => statuses.add(s));
  if (route.body === 'json') [413, 415].forEach((s) => statuses.add(s));
  if (route.body === 'ndjson') [408, 413, 415].forEach((s) => statuses.add(s));
  if (route.idempotent) statuses.add(422);
  // A write about an erased person records nothing more (410 subject-erased).
  if (route.idempotent && ERASABLE_WRITE.test(route.path)) statuses.add(410);
  return [...statuses].sort((a, b) => a - b);
}

const patternOf = (path: string): RegExp =>
  new RegExp(`^${path.replace(/\{[^}]+\}/g, '[^/]+').replace(/\./g, '\\.')}$`);
const ROUTE_PATTERNS = ROUTES.map((route) => ({ route, pattern: patternOf(route.path) }));

/** The row of a matched Fastify route (`/v1/subjects/:subjectId`); HEAD is served by GET. */
export function routeOf(method: string, fastifyUrl: string): LedgerRoute | undefined {
  const path = fastifyUrl.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
  const wanted = method === 'HEAD' ? 'GET' : method;
  return ROUTES.find((route) => route.method === wanted && route.path === path);
}

/** Methods served at a concrete path, for a 405's `Allow` (empty: no such resource). */
export function allowedMethods(pathname: string): string[] {
  const matching = ROUTE_PATTERNS.filter(({ pattern }) => pattern.test(pathname));
  // A path that is a resource of its own (`/v1/decisions/batch`) is not also `{decisionId}`.
  const literal = matching.filter(({ route }) => route.path === pathname);
  const methods: string[] = (literal.length > 0 ? literal : matching).map(({ route }) => route.method);
  if (methods.includes('GET')) methods.push('HEAD');
  return [...new Set(methods)];
}
