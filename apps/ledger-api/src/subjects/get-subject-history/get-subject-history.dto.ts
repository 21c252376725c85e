import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { SubjectReadQuery } from '../../read-side/consistent-with';

/** One page is one request's worth of point reads: a long history is walked page by page. */
export const MAX_HISTORY_PAGE = 1000;

export class HistoryQuery extends SubjectReadQuery {
  @ApiPropertyOptional({
    description: 'the first event of the page, by its rank in log order',
    minimum: 0,
    default: 0,
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  from?: number;

  @ApiPropertyOptional({
    description: 'events per page',
    minimum: 1,
    maximum: MAX_HISTORY_PAGE,
    default: MAX_HISTORY_PAGE,
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_HISTORY_PAGE)
  limit?: number;
}
