import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { Timestamp } from '../../http/timestamp';
import { ReadQuery } from '../../read-side/consistent-with';

export const MAX_DUE_PAGE = 1000;

export class DueRecordingsQuery extends ReadQuery {
  @Timestamp('list what must be destroyed by this instant (RFC 3339, with Z or an offset)')
  before!: string;

  @ApiPropertyOptional({ minimum: 1, maximum: MAX_DUE_PAGE, default: 100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_DUE_PAGE)
  limit?: number;

  @ApiPropertyOptional({ description: 'the `next` of the previous page' })
  @IsOptional()
  @Matches(/^[A-Za-z0-9_-]{1,600}$/, { message: 'cursor is the next of a previous page' })
  cursor?: string;
}
