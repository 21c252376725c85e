import { Body, Param } from '@nestjs/common';
import { ApiResource, RecordsEvent } from '../../http/api-resource';
import { SubjectIdParam } from '../../http/subject-id.param';
import { Write, type WriteContext } from '../../writes/write-context';
import { RecordCookieChoicesBody } from './record-cookie-choices.dto';
import { RecordCookieChoicesHandler } from './record-cookie-choices.handler';

@ApiResource('cookies')
export class RecordCookieChoicesController {
  constructor(private readonly handler: RecordCookieChoicesHandler) {}

  @RecordsEvent(':subjectId/cookie-choices')
  handle(@Param() path: SubjectIdParam, @Body() body: RecordCookieChoicesBody, @Write() write: WriteContext) {
    return this.handler.execute(path.subjectId, body, write);
  }
}
