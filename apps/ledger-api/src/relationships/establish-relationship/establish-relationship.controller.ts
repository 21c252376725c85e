import { subjectWriteController } from '../../writes/subject-write.controller';
import { EstablishRelationshipBody } from './establish-relationship.dto';
import { EstablishRelationshipHandler } from './establish-relationship.handler';

export const EstablishRelationshipController = subjectWriteController({
  name: 'EstablishRelationshipController',
  tag: 'relationships',
  path: ':subjectId/relationships',
  body: EstablishRelationshipBody,
  handler: EstablishRelationshipHandler,
});
