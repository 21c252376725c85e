import { subjectWriteController } from '../../writes/subject-write.controller';
import { ChoiceBody } from '../../writes/choice.dto';
import { RegisterOppositionHandler } from './register-opposition.handler';

export const RegisterOppositionController = subjectWriteController({
  name: 'RegisterOppositionController',
  tag: 'oppositions',
  path: ':subjectId/oppositions',
  body: ChoiceBody,
  handler: RegisterOppositionHandler,
});
