import { Body, Param } from '@nestjs/common';
import { ApiResource, RecordsEvent } from '../../http/api-resource';
import { SubjectIdParam } from '../../http/subject-id.param';
import { Write, type WriteContext } from '../../writes/write-context';
import { GiveConsentBody } from './give-consent.dto';
import { GiveConsentHandler } from './give-consent.handler';

@ApiResource('consents')
export class GiveConsentController {
  constructor(private readonly handler: GiveConsentHandler) {}

  @RecordsEvent(':subjectId/consents')
  handle(@Param() path: SubjectIdParam, @Body() body: GiveConsentBody, @Write() write: WriteContext) {
    return this.handler.execute(path.subjectId, body, write);
  }
}
