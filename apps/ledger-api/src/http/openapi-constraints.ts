import { getMetadataStorage } from 'class-validator';

type Schema = Record<string, unknown> & { properties?: Record<string, Schema>; items?: Schema };
interface Rule {
  name?: string;
  propertyName: string;
  constraints: unknown[];
  each: boolean;
}

/** What a class-validator rule says in JSON Schema terms; rules the schema cannot state are skipped. */
function schemaOf(rule: Rule): Record<string, unknown> {
  const [first, second] = rule.constraints ?? [];
  switch (rule.name) {
    case 'isLength':
      return { minLength: first, ...(second !== undefined ? { maxLength: second } : {}) };
    case 'minLength':
      return { minLength: first };
    case 'maxLength':
      return { maxLength: first };
    case 'matches':
      return { pattern: (first as RegExp).source };
    case 'isIn':
      return { enum: first };
    case 'isUuid':
      return { format: 'uuid' };
    case 'isInt':
      return { type: 'integer' };
    case 'min':
      return { minimum: first };
    case 'max':
      return { maximum: first };
    case 'isNotEmpty':
      return { minLength: 1 };
    default:
      return {};
  }
}

function arraySchemaOf(rule: Rule): Record<string, unknown> {
  const [first] = rule.constraints ?? [];
  switch (rule.name) {
    case 'arrayNotEmpty':
      return { minItems: 1 };
    case 'arrayMinSize':
      return { minItems: first };
    case 'arrayMaxSize':
      return { maxItems: first };
    default:
      return {};
  }
}

/**
 * Writes the validators' bounds (lengths, patterns, enums, sizes) into the document's schemas of
 * the same class name, so that the document is never looser than what the API accepts, and
 * marks request schemas closed (the validation pipe refuses unknown fields).
 */
export function applyValidationConstraints(
  schemas: Record<string, Schema>,
  requestSchemas: Set<string>,
): void {
  const storage = getMetadataStorage() as unknown as {
    validationMetadatas: Map<new () => unknown, unknown[]>;
  };
  const classes = new Map([...storage.validationMetadatas.keys()].map((target) => [target.name, target]));
  for (const [name, schema] of Object.entries(schemas)) {
    const target = classes.get(name);
    if (!target || !schema.properties) continue;
    const rules = getMetadataStorage().getTargetValidationMetadatas(target, '', false, false) as Rule[];
    for (const rule of rules) {
      const property = schema.properties[rule.propertyName];
      if (!property || '$ref' in property || 'oneOf' in property) continue;
      if (rule.each && property.items) Object.assign(property.items, schemaOf(rule));
      else if (!rule.each)
        Object.assign(property, property.type === 'array' ? arraySchemaOf(rule) : schemaOf(rule));
    }
    if (requestSchemas.has(name)) schema.additionalProperties = false;
  }
}

/** Names of the component schemas a request body reaches (through $ref, items, allOf). */
export function reachableSchemas(roots: unknown[], schemas: Record<string, Schema>): Set<string> {
  const seen = new Set<string>();
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (typeof node !== 'object' || node === null) return;
    const ref = (node as { $ref?: unknown }).$ref;
    if (typeof ref === 'string') {
      const name = ref.replace('#/components/schemas/', '');
      if (!seen.has(name)) {
        seen.add(name);
        visit(schemas[name]);
      }
    }
    Object.values(node).forEach(visit);
  };
  roots.forEach(visit);
  return seen;
}
