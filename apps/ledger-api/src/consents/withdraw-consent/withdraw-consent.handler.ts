import { Injectable } from '@nestjs/common';
import { withdrawConsent, type CommandProvenance, type RecordingContext } from '@ledger/domain';
import { choiceScope, type ChoiceBody } from '../../writes/choice.dto';
import { SubjectEventHandler } from '../../writes/subject-event.handler';

/** Withdrawing is as easy as consenting (GDPR art. 7(3)): the consent ends from its instant. */
@Injectable()
export class WithdrawConsentHandler extends SubjectEventHandler<ChoiceBody> {
  protected build(from: CommandProvenance, body: ChoiceBody, context: RecordingContext) {
    return withdrawConsent({ ...from, ...choiceScope(body) }, context);
  }
}
