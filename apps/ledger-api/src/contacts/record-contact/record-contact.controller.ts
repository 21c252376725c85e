import { Body, Param } from '@nestjs/common';
import { ApiResource, RecordsEvent } from '../../http/api-resource';
import { SubjectIdParam } from '../../http/subject-id.param';
import { Write, type WriteContext } from '../../writes/write-context';
import { RecordContactBody } from './record-contact.dto';
import { RecordContactHandler } from './record-contact.handler';

@ApiResource('contacts')
export class RecordContactController {
  constructor(private readonly handler: RecordContactHandler) {}

  @RecordsEvent(':subjectId/contacts')
  handle(@Param() path: SubjectIdParam, @Body() body: RecordContactBody, @Write() write: WriteContext) {
    return this.handler.execute(path.subjectId, body, write);
  }
}
