import { subjectWriteController } from '../../writes/subject-write.controller';
import { RestrictionBody } from '../restriction.dto';
import { RestrictProcessingHandler } from './restrict-processing.handler';

export const RestrictProcessingController = subjectWriteController({
  name: 'RestrictProcessingController',
  tag: 'restrictions',
  path: ':subjectId/restrictions',
  body: RestrictionBody,
  handler: RestrictProcessingHandler,
});
