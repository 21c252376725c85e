import type { OpenAPIObject } from '@nestjs/swagger';
import { applyValidationConstraints, reachableSchemas } from './openapi-constraints';
import { PROBLEM_CONTENT_TYPE, problemTypeOf } from './problem-details';
import { errorStatuses, ROUTES } from './routes';

type Operation = {
  parameters?: Array<Record<string, unknown>>;
  responses: Record<string, Record<string, unknown>>;
  security?: unknown[];
  summary?: string;
  requestBody?: unknown;
};

const REASONS: Record<number, string> = {
  400: 'the request is not valid (problem lists each field)',
  401: 'missing, unknown or revoked API key',
  403: 'the API key lacks the scope of the route',
  404: 'no such resource',
  408: 'the upload stalled or took too long',
  409: 'conflicts with the current state',
  413: 'the body, a line or the list is too large',
  415: 'the content type is not the one the route reads',
  422: 'Idempotency-Key reused with a different request',
  431: 'headers or URL too large (past 16 KiB)',
  429: 'too many requests for this API key (or address); wait Retry-After seconds',
  503: 'the ledger cannot answer safely now (database, log or read side); retry after Retry-After seconds',
};

const RETRY_AFTER = {
  'Retry-After': { description: 'seconds to wait before retrying', schema: { type: 'integer', minimum: 0 } },
};

/** The problem+json body every error has (RFC 9457); `type` is a stable URN to branch on. */
const PROBLEM_SCHEMA = {
  type: 'object',
  required: ['type', 'title', 'status'],
  properties: {
    type: { type: 'string', example: problemTypeOf('validation_failed') },
    title: { type: 'string' },
    status: { type: 'integer' },
    detail: { type: 'string' },
    instance: { type: 'string' },
  },
};

/**
 * Completes the document generated from the controllers with what the route table knows:
 * every error status a route can give, the Idempotency-Key header, the NDJSON body of the
 * batch, no security on public routes. Fails if the controllers and the table disagree.
 */
export function completeDocument(document: OpenAPIObject): OpenAPIObject {
  const paths = document.paths as Record<string, Record<string, Operation>>;
  document.components = { ...document.components };
  document.components.schemas = { ...document.components.schemas, Problem: PROBLEM_SCHEMA };
  const problem = { [PROBLEM_CONTENT_TYPE]: { schema: { $ref: '#/components/schemas/Problem' } } };
  const documented = new Set<string>();
  for (const route of ROUTES.filter((r) => r.documented)) {
    const operation = paths[route.path]?.[route.method.toLowerCase()];
    if (!operation) throw new Error(`${route.method} ${route.path} is in http/routes.ts but not served`);
    documented.add(`${route.method} ${route.path}`);
    operation.summary ??= route.summary;
    for (const status of errorStatuses(route)) {
      operation.responses[String(status)] ??= {
        description: REASONS[status] ?? `HTTP ${status}`,
        content: problem,
        ...(status === 429 || status === 503 ? { headers: RETRY_AFTER } : {}),
      };
    }
    if (route.scope === 'public') operation.security = [];
    else operation.security = [{ bearer: [] }];
    if (route.idempotent) {
      operation.parameters = [
        ...(operation.parameters ?? []),
        {
          name: 'Idempotency-Key',
          in: 'header',
          required: false,
          description: 'a retry with the same key and body gets the first outcome',
          schema: { type: 'string', pattern: '^[\\x21-\\x7e]{1,200}$' },
        },
      ];
    }
    if (route.body === 'ndjson') {
      operation.requestBody = {
        required: true,
        description:
          'one subject reference per line ({"subjectId"}, {"email"} or {"phone"}); answered line by line, in order',
        // Each array item is one line on the wire (fuzzers serialise it so: test/fuzz).
        content: {
          'application/x-ndjson': {
            // Any line is answered (a reference with its decision, anything else with its own
            // error), so no body breaks the schema; fuzzers send a generated array as lines.
            schema: {
              description:
                'lines of SubjectRefDto ({"subjectId"}, {"email"} or {"phone"}); any other line gets an {line, error} answer',
            },
          },
        },
      };
    }
  }
  const schemas = document.components.schemas as Record<string, Record<string, unknown>>;
  const operations = Object.values(paths).flatMap((byMethod) => Object.values(byMethod));
  const requestRoots = operations.flatMap((operation) => [operation.requestBody, operation.parameters]);
  applyValidationConstraints(schemas, reachableSchemas(requestRoots, schemas));
  // A subject is named one way at a time (SubjectReader refuses two).
  Object.assign(schemas.SubjectRefDto ?? {}, { minProperties: 1, maxProperties: 1 });
  // `string | string[]` parameters reflect as Object; the oneOf already says what they are.
  for (const parameter of operations.flatMap((operation) => operation.parameters ?? [])) {
    const schema = parameter.schema as Record<string, unknown> | undefined;
    if (schema?.oneOf) delete schema.allOf;
  }
  for (const [path, operations] of Object.entries(paths)) {
    for (const method of Object.keys(operations)) {
      if (!documented.has(`${method.toUpperCase()} ${path}`)) {
        throw new Error(`${method.toUpperCase()} ${path} is served but missing from http/routes.ts`);
      }
    }
  }
  return document;
}
