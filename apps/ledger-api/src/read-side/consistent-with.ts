import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Matches, ValidateBy } from 'class-validator';
import { LedgerError } from '@ledger/domain';

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
        'position token(s) of earlier writes: the answer includes them (consistency at_least_as_fresh, or full)',
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

/**
 * How fresh a read about a subject must be, named after SpiceDB's and OpenFGA's levels. Every
 * level includes every restrictive write acknowledged before the read arrived (a withdrawal, an
 * opposition, an erasure...): a stale answer can then only refuse what the log would allow.
 */
export const CONSISTENCY_LEVELS = ['minimize_latency', 'at_least_as_fresh', 'full'] as const;
export type ConsistencyLevel = (typeof CONSISTENCY_LEVELS)[number];

export interface ReadConsistency {
  level: ConsistencyLevel;
  /** The writes an at_least_as_fresh (or full) read includes. */
  tokens: string[];
}

export const MINIMIZE_LATENCY: ReadConsistency = { level: 'minimize_latency', tokens: [] };

const CONSISTENCY_DESCRIPTION =
  'minimize_latency (default): from the read models as they are, once every restrictive write ' +
  'acknowledged about this subject (withdrawal, opposition, erasure, restriction...) is applied; ' +
  'at_least_as_fresh (default with consistentWith): the same, and the writes named by consistentWith too; ' +
  'full: once the read models have reached the end of the log as it was when the request arrived';

/** The `consistency` field of the reads that take one. */
export function ConsistencyField(): PropertyDecorator {
  return applyDecorators(
    ApiPropertyOptional({ enum: CONSISTENCY_LEVELS, description: CONSISTENCY_DESCRIPTION }),
    IsOptional(),
    IsIn(CONSISTENCY_LEVELS),
  );
}

/** The level asked for, once `consistency` and `consistentWith` agree. */
export function readConsistency(asked: {
  consistency?: ConsistencyLevel;
  consistentWith?: ConsistentWith;
}): ReadConsistency {
  const tokens = tokensOf(asked.consistentWith);
  const level = asked.consistency ?? (tokens.length > 0 ? 'at_least_as_fresh' : 'minimize_latency');
  if (level === 'at_least_as_fresh' && tokens.length === 0) {
    throw new LedgerError(
      'validation_failed',
      'consistency at_least_as_fresh names the writes in consistentWith',
      {
        errors: [{ field: 'consistentWith', problems: ['required with consistency at_least_as_fresh'] }],
      },
    );
  }
  if (level === 'minimize_latency' && tokens.length > 0) {
    throw new LedgerError(
      'validation_failed',
      'consistentWith asks at_least_as_fresh (or full), not minimize_latency',
      {
        errors: [{ field: 'consistency', problems: ['at_least_as_fresh or full with consistentWith'] }],
      },
    );
  }
  return { level, tokens };
}

/** What every answer about a subject says of its freshness. */
export class ConsistencyDto {
  @ApiProperty({ enum: CONSISTENCY_LEVELS, description: 'the level the answer was given at' })
  level!: ConsistencyLevel;

  @ApiProperty({
    type: 'string',
    nullable: true,
    description:
      "the read model's position for this subject: the last of its events the answer includes (null: none); " +
      'pass it as consistentWith to ask again at least as fresh',
  })
  position!: string | null;
}

/** The query string of a read with no body. */
export class ReadQuery {
  @ConsistentWithField()
  consistentWith?: string | string[];
}

/** The query string of a read about one subject: its consistency level too. */
export class SubjectReadQuery extends ReadQuery {
  @ConsistencyField()
  consistency?: ConsistencyLevel;
}
