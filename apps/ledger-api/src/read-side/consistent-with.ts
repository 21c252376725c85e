import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Matches, ValidateBy } from 'class-validator';

/** One position token, or several (one per partition written), as a body field or query param. */
export type ConsistentWith = string | string[] | undefined;

export const tokensOf = (value: ConsistentWith): string[] =>
  value === undefined ? [] : Array.isArray(value) ? value : [value];

/** Tokens are base64url; what they hold is checked against the log (400 when not of this ledger). */
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{1,200}$/;
const TOKEN = { type: 'string', pattern: TOKEN_PATTERN.source };

/** The `consistentWith` field every read accepts. */
export function ConsistentWithField(): PropertyDecorator {
  return applyDecorators(
    ApiPropertyOptional({
      description:
        'position token(s) of earlier writes: the answer includes them (it always includes every write acknowledged before the request arrived)',
      oneOf: [TOKEN, { type: 'array', items: TOKEN, minItems: 1, maxItems: 64 }],
    }),
    IsOptional(),
    IsString({ each: true }),
    Matches(TOKEN_PATTERN, { each: true, message: 'consistentWith must be position tokens' }),
    ValidateBy({
      name: 'tokenCount',
      validator: {
        validate: (value: unknown) => !Array.isArray(value) || (value.length >= 1 && value.length <= 64),
        defaultMessage: () => 'consistentWith takes 1 to 64 tokens',
      },
    }),
  );
}

/** The query string of a read with no body. */
export class ReadQuery {
  @ConsistentWithField()
  consistentWith?: string | string[];
}
