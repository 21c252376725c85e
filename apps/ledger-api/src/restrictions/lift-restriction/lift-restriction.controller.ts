import { subjectWriteController } from '../../writes/subject-write.controller';
import { RestrictionBody } from '../restriction.dto';
import { LiftRestrictionHandler } from './lift-restriction.handler';

export const LiftRestrictionController = subjectWriteController({
  name: 'LiftRestrictionController',
  tag: 'restrictions',
  path: ':subjectId/restriction-lifts',
  body: RestrictionBody,
  handler: LiftRestrictionHandler,
});
