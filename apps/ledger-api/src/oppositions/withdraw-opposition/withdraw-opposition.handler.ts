import { Injectable } from '@nestjs/common';
import { withdrawOpposition, type CommandProvenance, type RecordingContext } from '@ledger/domain';
import { SubjectEventHandler } from '../../writes/subject-event.handler';
import { oppositionScope, type OppositionBody } from '../opposition.dto';

/** The person lifts their objection: the purpose is governed by its rule again. */
@Injectable()
export class WithdrawOppositionHandler extends SubjectEventHandler<OppositionBody> {
  protected build(from: CommandProvenance, body: OppositionBody, context: RecordingContext) {
    return withdrawOpposition({ ...from, ...oppositionScope(body) }, context);
  }
}
