import { Get, Param, Query } from '@nestjs/common';
import { ApiResource } from '../../http/api-resource';
import { SubjectIdParam } from '../../http/subject-id.param';
import { HistoryQuery } from './get-subject-history.dto';
import { GetSubjectHistoryHandler } from './get-subject-history.handler';

@ApiResource('subjects')
export class GetSubjectHistoryController {
  constructor(private readonly handler: GetSubjectHistoryHandler) {}

  @Get(':subjectId/history')
  history(@Param() path: SubjectIdParam, @Query() query: HistoryQuery) {
    return this.handler.execute(path.subjectId, query);
  }
}
