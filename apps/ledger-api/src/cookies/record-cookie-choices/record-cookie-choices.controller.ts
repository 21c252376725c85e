import { subjectWriteController } from '../../writes/subject-write.controller';
import { RecordCookieChoicesBody } from './record-cookie-choices.dto';
import { RecordCookieChoicesHandler } from './record-cookie-choices.handler';

export const RecordCookieChoicesController = subjectWriteController({
  name: 'RecordCookieChoicesController',
  tag: 'cookies',
  path: ':subjectId/cookie-choices',
  body: RecordCookieChoicesBody,
  handler: RecordCookieChoicesHandler,
});
