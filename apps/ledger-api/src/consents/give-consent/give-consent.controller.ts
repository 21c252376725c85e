import { subjectWriteController } from '../../writes/subject-write.controller';
import { ConsentAnswerDto, GiveConsentBody } from './give-consent.dto';
import { GiveConsentHandler } from './give-consent.handler';

export const GiveConsentController = subjectWriteController({
  name: 'GiveConsentController',
  tag: 'consents',
  path: ':subjectId/consents',
  body: GiveConsentBody,
  handler: GiveConsentHandler,
  answer: ConsentAnswerDto,
});
