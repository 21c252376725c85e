import { Get, Param, Query } from '@nestjs/common';
import { ApiResource } from '../../http/api-resource';
import { PageQuery } from '../../http/page-query';
import { SubjectIdParam } from '../../http/subject-id.param';
import { ListSubjectDecisionsHandler } from './list-subject-decisions.handler';

@ApiResource('decisions')
export class ListSubjectDecisionsController {
  constructor(private readonly handler: ListSubjectDecisionsHandler) {}

  /** Logged decisions only (LEDGER_DECISION_LOG): with `sampled` or `none`, some or all are absent. */
  @Get(':subjectId/decisions')
  list(@Param() path: SubjectIdParam, @Query() query: PageQuery) {
    return this.handler.execute(path.subjectId, query);
  }
}
