import { Body, Param } from '@nestjs/common';
import { ApiResource, RecordsEvent } from '../../http/api-resource';
import { SubjectIdParam } from '../../http/subject-id.param';
import { Write, type WriteContext } from '../../writes/write-context';
import { RegisterSubjectBody } from './register-subject.dto';
import { RegisterSubjectHandler } from './register-subject.handler';

@ApiResource('subjects')
export class RegisterSubjectController {
  constructor(private readonly handler: RegisterSubjectHandler) {}

  @RecordsEvent(':subjectId', { put: true })
  handle(@Param() path: SubjectIdParam, @Body() body: RegisterSubjectBody, @Write() write: WriteContext) {
    return this.handler.execute(path.subjectId, body, write);
  }
}
