import { subjectWriteController } from '../../writes/subject-write.controller';
import { OppositionBody } from '../opposition.dto';
import { RegisterOppositionHandler } from './register-opposition.handler';

export const RegisterOppositionController = subjectWriteController({
  name: 'RegisterOppositionController',
  tag: 'oppositions',
  path: ':subjectId/oppositions',
  body: OppositionBody,
  handler: RegisterOppositionHandler,
});
