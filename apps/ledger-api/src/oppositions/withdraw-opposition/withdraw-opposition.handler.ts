import { Injectable } from '@nestjs/common';
import { withdrawOpposition, type CommandProvenance, type RecordingContext } from '@ledger/domain';
import { choiceScope, type ChoiceBody } from '../../writes/choice.dto';
import { SubjectEventHandler } from '../../writes/subject-event.handler';

/** The person lifts their objection: the purpose is governed by its rule again. */
@Injectable()
export class WithdrawOppositionHandler extends SubjectEventHandler<ChoiceBody> {
  protected build(from: CommandProvenance, body: ChoiceBody, context: RecordingContext) {
    return withdrawOpposition({ ...from, ...choiceScope(body) }, context);
  }
}
