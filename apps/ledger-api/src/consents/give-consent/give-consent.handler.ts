import { Injectable } from '@nestjs/common';
import { giveConsent, type CommandProvenance, type RecordingContext } from '@ledger/domain';
import { choiceScope } from '../../writes/choice.dto';
import { SubjectEventHandler } from '../../writes/subject-event.handler';
import type { GiveConsentBody } from './give-consent.dto';

@Injectable()
export class GiveConsentHandler extends SubjectEventHandler<GiveConsentBody> {
  protected build(from: CommandProvenance, body: GiveConsentBody, context: RecordingContext) {
    const expiry = body.expiresAt !== undefined ? { expiresAt: new Date(body.expiresAt).toISOString() } : {};
    return giveConsent({ ...from, ...choiceScope(body), ...expiry }, context);
  }
}
