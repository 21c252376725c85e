import { Get, Param, Query } from '@nestjs/common';
import { CurrentPrincipal, type Principal } from '../../auth/principal';
import { ApiResource } from '../../http/api-resource';
import { SubjectIdParam } from '../../http/subject-id.param';
import { SubjectReadQuery } from '../../read-side/consistent-with';
import { GetSubjectStateHandler } from './get-subject-state.handler';

@ApiResource('subjects')
export class GetSubjectStateController {
  constructor(private readonly handler: GetSubjectStateHandler) {}

  @Get(':subjectId')
  state(
    @Param() path: SubjectIdParam,
    @Query() query: SubjectReadQuery,
    @CurrentPrincipal() principal: Principal,
  ) {
    return this.handler.execute(path.subjectId, query, principal);
  }
}
