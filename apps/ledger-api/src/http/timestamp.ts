import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, ValidateBy } from 'class-validator';

/** RFC 3339: a timestamp names its offset; one without would be read in the server's zone. */
const RFC3339 = /^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d{1,9})?([Zz]|[+-]\d{2}:\d{2})$/;

function daysIn(year: number, month: number): number {
  const date = new Date(0);
  date.setUTCFullYear(year, month, 0); // Date.UTC would read years below 100 as 19xx
  return date.getUTCDate();
}

/** The pattern, and a real calendar instant (no 30 February, no hour 24, offsets within ±23:59). */
export function isTimestamp(value: string): boolean {
  const match = RFC3339.exec(value);
  if (!match || Number.isNaN(Date.parse(value.toUpperCase()))) return false;
  const [year, month, day] = value.slice(0, 10).split('-').map(Number);
  const [hour, minute, second] = value.slice(11, 19).split(':').map(Number);
  const offset = /([+-])(\d{2}):(\d{2})$/.exec(value);
  return (
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    day <= daysIn(year, month) &&
    hour <= 23 &&
    minute <= 59 &&
    second <= 59 &&
    (offset === null || (Number(offset[2]) <= 23 && Number(offset[3]) <= 59))
  );
}

/** An instant in a body or query: RFC 3339 date-time with `Z` or an offset, documented as such. */
export function Timestamp(description: string, options: { optional?: boolean } = {}): PropertyDecorator {
  const documented = { description, format: 'date-time', example: '2026-03-01T09:30:00Z' };
  return applyDecorators(
    options.optional ? ApiPropertyOptional(documented) : ApiProperty(documented),
    ...(options.optional ? [IsOptional()] : []),
    ValidateBy({
      name: 'isTimestamp',
      validator: {
        validate: (value: unknown) => typeof value === 'string' && isTimestamp(value),
        defaultMessage: () => '$property must be an RFC 3339 date-time with Z or an offset',
      },
    }),
  );
}
