import { subjectWriteController } from '../../writes/subject-write.controller';
import { GiveConsentBody } from './give-consent.dto';
import { GiveConsentHandler } from './give-consent.handler';

export const GiveConsentController = subjectWriteController({
  name: 'GiveConsentController',
  tag: 'consents',
  path: ':subjectId/consents',
  body: GiveConsentBody,
  handler: GiveConsentHandler,
});
