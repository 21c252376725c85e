import { Injectable } from '@nestjs/common';
import { registerOpposition, type CommandProvenance, type RecordingContext } from '@ledger/domain';
import { choiceScope, type ChoiceBody } from '../../writes/choice.dto';
import { SubjectEventHandler } from '../../writes/subject-event.handler';

/** An objection (GDPR art. 21): it blocks the purpose on its channels from its instant. */
@Injectable()
export class RegisterOppositionHandler extends SubjectEventHandler<ChoiceBody> {
  protected build(from: CommandProvenance, body: ChoiceBody, context: RecordingContext) {
    return registerOpposition({ ...from, ...choiceScope(body) }, context);
  }
}
