import { subjectWriteController } from '../../writes/subject-write.controller';
import { RecordContactBody } from './record-contact.dto';
import { RecordContactHandler } from './record-contact.handler';

export const RecordContactController = subjectWriteController({
  name: 'RecordContactController',
  tag: 'contacts',
  path: ':subjectId/contacts',
  body: RecordContactBody,
  handler: RecordContactHandler,
});
