import { subjectWriteController } from '../../writes/subject-write.controller';
import { PostMortemDirectivesBody } from './record-directives.dto';
import { RecordDirectivesHandler } from './record-directives.handler';

export const RecordDirectivesController = subjectWriteController({
  name: 'RecordDirectivesController',
  tag: 'post-mortem-directives',
  path: ':subjectId/post-mortem-directives',
  body: PostMortemDirectivesBody,
  handler: RecordDirectivesHandler,
});
