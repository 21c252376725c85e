import { applyDecorators, type Type as Class } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDefined, IsObject, IsOptional, ValidateNested } from 'class-validator';

/**
 * A field holding one object of `type`: documented as it, validated as it, required unless optional.
 * IsObject in both cases: ValidateNested alone passes an array (it validates each element).
 */
export function Nested(type: Class<unknown>, options: { optional?: boolean; description?: string } = {}) {
  const documented = { type, ...(options.description ? { description: options.description } : {}) };
  return options.optional
    ? applyDecorators(
        ApiPropertyOptional(documented),
        IsOptional(),
        IsObject(),
        ValidateNested(),
        Type(() => type),
      )
    : applyDecorators(
        ApiProperty(documented),
        IsDefined(),
        IsObject(),
        ValidateNested(),
        Type(() => type),
      );
}
