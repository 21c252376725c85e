import { subjectWriteController } from '../../writes/subject-write.controller';
import { ChoiceBody } from '../../writes/choice.dto';
import { WithdrawOppositionHandler } from './withdraw-opposition.handler';

export const WithdrawOppositionController = subjectWriteController({
  name: 'WithdrawOppositionController',
  tag: 'oppositions',
  path: ':subjectId/opposition-withdrawals',
  body: ChoiceBody,
  handler: WithdrawOppositionHandler,
});
