import { subjectWriteController } from '../../writes/subject-write.controller';
import { OppositionBody } from '../opposition.dto';
import { WithdrawOppositionHandler } from './withdraw-opposition.handler';

export const WithdrawOppositionController = subjectWriteController({
  name: 'WithdrawOppositionController',
  tag: 'oppositions',
  path: ':subjectId/opposition-withdrawals',
  body: OppositionBody,
  handler: WithdrawOppositionHandler,
});
