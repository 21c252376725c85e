import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, Matches } from 'class-validator';

/** Subject, call and similar ids are opaque to the ledger but never carry personal data or path tricks. */
export const OPAQUE_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** A field or path parameter holding an opaque id, validated and documented alike everywhere. */
export function OpaqueId(name: string, example: string, options: { optional?: boolean } = {}) {
  const message = `${name} must be 1-128 characters of letters, digits, . _ : -`;
  const documented = { pattern: OPAQUE_ID.source, example };
  return options.optional
    ? applyDecorators(ApiPropertyOptional(documented), IsOptional(), Matches(OPAQUE_ID, { message }))
    : applyDecorators(ApiProperty(documented), Matches(OPAQUE_ID, { message }));
}
