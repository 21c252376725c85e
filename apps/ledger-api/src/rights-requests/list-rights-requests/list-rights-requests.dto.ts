import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { RIGHTS_REQUEST_TYPES, type RightsRequestType } from '@ledger/domain';
import { ReadQuery } from '../../read-side/consistent-with';

export const BOARD_VIEWS = ['open', 'due_soon', 'overdue', 'closed', 'all'] as const;

export class RightsBoardQuery extends ReadQuery {
  @ApiPropertyOptional({
    enum: BOARD_VIEWS,
    default: 'open',
    description: 'due_soon: open and due within `days`',
  })
  @IsOptional()
  @IsIn(BOARD_VIEWS)
  view?: (typeof BOARD_VIEWS)[number];

  @ApiPropertyOptional({ minimum: 1, maximum: 90, default: 7 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(90)
  days?: number;

  @ApiPropertyOptional({ enum: RIGHTS_REQUEST_TYPES })
  @IsOptional()
  @IsIn(RIGHTS_REQUEST_TYPES)
  type?: RightsRequestType;

  @ApiPropertyOptional({ minimum: 1, maximum: 500, default: 100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;

  @ApiPropertyOptional({ description: 'the `next` of the previous page' })
  @IsOptional()
  @Matches(/^[A-Za-z0-9_-]{1,600}$/, { message: 'cursor is the next of a previous page' })
  cursor?: string;
}
