import { subjectWriteController } from '../../writes/subject-write.controller';
import { RegisterSubjectBody } from './register-subject.dto';
import { RegisterSubjectHandler } from './register-subject.handler';

export const RegisterSubjectController = subjectWriteController({
  name: 'RegisterSubjectController',
  tag: 'subjects',
  path: ':subjectId',
  body: RegisterSubjectBody,
  handler: RegisterSubjectHandler,
  put: true,
});
