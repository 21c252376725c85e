import { Body, Param } from '@nestjs/common';
import { ApiResource, RecordsEvent } from '../../http/api-resource';
import { SubjectIdParam } from '../../http/subject-id.param';
import { ChoiceBody } from '../../writes/choice.dto';
import { Write, type WriteContext } from '../../writes/write-context';
import { WithdrawConsentHandler } from './withdraw-consent.handler';

@ApiResource('consents')
export class WithdrawConsentController {
  constructor(private readonly handler: WithdrawConsentHandler) {}

  @RecordsEvent(':subjectId/consent-withdrawals')
  handle(@Param() path: SubjectIdParam, @Body() body: ChoiceBody, @Write() write: WriteContext) {
    return this.handler.execute(path.subjectId, body, write);
  }
}
