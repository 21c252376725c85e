import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { encodePositionToken } from '@ledger/contracts';
import { LedgerError } from '@ledger/domain';
import { ReadQuery, tokensOf } from '../../read-side/consistent-with';
import { ReadModelFreshness } from '../../read-side/read-model-freshness';
import { SubjectReader } from '../../read-side/subject-reader';
import { SubjectIdParam } from '../../http/subject-id.param';

/** One page is one request's worth of point reads: a long history is walked page by page. */
export const MAX_HISTORY_PAGE = 1000;

export class HistoryQuery extends ReadQuery {
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

@ApiTags('subjects')
@ApiBearerAuth()
@Controller('v1/subjects')
export class GetSubjectHistoryController {
  constructor(
    private readonly subjects: SubjectReader,
    private readonly freshness: ReadModelFreshness,
  ) {}

  /**
   * Events in log order, with their provenance and proof fields, for the DPO and support; a page
   * at a time (`from`, `limit`), `next` naming the following page while there is one.
   */
  @Get(':subjectId/history')
  async history(@Param() { subjectId }: SubjectIdParam, @Query() query: HistoryQuery) {
    await this.freshness.ensureFresh(tokensOf(query.consistentWith));
    const { record } = await this.subjects.resolve({ subjectId });
    if (!record) throw new LedgerError('not_found', `Nothing is recorded about subject ${subjectId}`);
    const from = query.from ?? 0;
    const limit = query.limit ?? MAX_HISTORY_PAGE;
    const to = Math.min(record.eventCount, from + limit);
    const events = await this.subjects.history(record, from, to);
    return {
      subjectId,
      eventCount: record.eventCount,
      from,
      events: events.map(({ position, seq: _seq, ...event }) => ({
        ...event,
        position: encodePositionToken(position),
      })),
      ...(to < record.eventCount
        ? { next: `/v1/subjects/${encodeURIComponent(subjectId)}/history?from=${to}&limit=${limit}` }
        : {}),
    };
  }
}
