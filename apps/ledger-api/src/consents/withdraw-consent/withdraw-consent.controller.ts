import { subjectWriteController } from '../../writes/subject-write.controller';
import { ChoiceBody } from '../../writes/choice.dto';
import { WithdrawConsentHandler } from './withdraw-consent.handler';

export const WithdrawConsentController = subjectWriteController({
  name: 'WithdrawConsentController',
  tag: 'consents',
  path: ':subjectId/consent-withdrawals',
  body: ChoiceBody,
  handler: WithdrawConsentHandler,
});
