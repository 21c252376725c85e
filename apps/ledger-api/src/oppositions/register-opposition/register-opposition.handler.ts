import { Injectable } from '@nestjs/common';
import { registerOpposition, type CommandProvenance, type RecordingContext } from '@ledger/domain';
import { SubjectEventHandler } from '../../writes/subject-event.handler';
import { oppositionScope, type OppositionBody } from '../opposition.dto';

/** An objection (GDPR art. 21): it blocks the purpose on its channels (every channel if none is named) from its instant. */
@Injectable()
export class RegisterOppositionHandler extends SubjectEventHandler<OppositionBody> {
  protected build(from: CommandProvenance, body: OppositionBody, context: RecordingContext) {
    return registerOpposition({ ...from, ...oppositionScope(body) }, context);
  }
}
