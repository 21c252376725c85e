import { Body, Param } from '@nestjs/common';
import { ApiResource, RecordsEvent } from '../../http/api-resource';
import { SubjectIdParam } from '../../http/subject-id.param';
import { Write, type WriteContext } from '../../writes/write-context';
import { SetPreferencesBody } from './set-preferences.dto';
import { SetPreferencesHandler } from './set-preferences.handler';

@ApiResource('preferences')
export class SetPreferencesController {
  constructor(private readonly handler: SetPreferencesHandler) {}

  @RecordsEvent(':subjectId/preferences', { put: true })
  handle(@Param() path: SubjectIdParam, @Body() body: SetPreferencesBody, @Write() write: WriteContext) {
    return this.handler.execute(path.subjectId, body, write);
  }
}
