import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';

/** One position token, or several (one per partition written), as a body field or query param. */
export type ConsistentWith = string | string[] | undefined;

export const tokensOf = (value: ConsistentWith): string[] =>
  value === undefined ? [] : Array.isArray(value) ? value : [value];

/** The `consistentWith` field every read accepts. */
export function ConsistentWithField(): PropertyDecorator {
  return applyDecorators(
    ApiPropertyOptional({
      description:
        'position token(s) of earlier writes: the answer includes them (it always includes every write acknowledged before the request arrived)',
      oneOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' }, maxItems: 64 }],
    }),
    IsOptional(),
    IsString({ each: true }),
    MaxLength(200, { each: true }),
  );
}

/** The query string of a read with no body. */
export class ReadQuery {
  @ConsistentWithField()
  consistentWith?: string | string[];
}
