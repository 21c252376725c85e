import { ValidationPipe, type ArgumentMetadata, type ValidationError } from '@nestjs/common';
import { LedgerError } from '@ledger/domain';

interface FieldProblem {
  field: string;
  problems: string[];
}

function flatten(errors: ValidationError[], prefix = ''): FieldProblem[] {
  return errors.flatMap((error) => {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    const own: FieldProblem[] = error.constraints
      ? [{ field, problems: Object.values(error.constraints) }]
      : [];
    return [...own, ...flatten(error.children ?? [], field)];
  });
}

/** Paths of the nulls in a body: no field takes null (leave it out), and IsOptional would let one by. */
function nullsIn(value: unknown, path = ''): string[] {
  if (value === null) return [path || 'body'];
  if (typeof value !== 'object') return [];
  return Object.entries(value as Record<string, unknown>).flatMap(([key, child]) =>
    nullsIn(child, path ? `${path}.${key}` : key),
  );
}

class LedgerValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const nulls = metadata.type === 'body' ? nullsIn(value) : [];
    if (nulls.length > 0) {
      throw new LedgerError('validation_failed', 'One or more fields are invalid', {
        errors: nulls.map((field) => ({
          field,
          problems: ['null is not a value here; leave the field out'],
        })),
      });
    }
    return super.transform(value, metadata);
  }
}

/** Unknown fields are rejected, not dropped, so a typo never silently changes a meaning. */
export function createValidationPipe(): ValidationPipe {
  return new LedgerValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    stopAtFirstError: false,
    exceptionFactory: (errors) =>
      new LedgerError('validation_failed', 'One or more fields are invalid', {
        errors: flatten(errors),
      }),
  });
}
