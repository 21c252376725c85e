import { Body, Param } from '@nestjs/common';
import { ApiResource, RecordsEvent } from '../../http/api-resource';
import { SubjectIdParam } from '../../http/subject-id.param';
import { ChoiceBody } from '../../writes/choice.dto';
import { Write, type WriteContext } from '../../writes/write-context';
import { RegisterOppositionHandler } from './register-opposition.handler';

@ApiResource('oppositions')
export class RegisterOppositionController {
  constructor(private readonly handler: RegisterOppositionHandler) {}

  @RecordsEvent(':subjectId/oppositions')
  handle(@Param() path: SubjectIdParam, @Body() body: ChoiceBody, @Write() write: WriteContext) {
    return this.handler.execute(path.subjectId, body, write);
  }
}
