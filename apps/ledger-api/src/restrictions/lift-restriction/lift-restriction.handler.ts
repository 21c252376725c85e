import { Injectable } from '@nestjs/common';
import { liftRestriction, type CommandProvenance, type RecordingContext } from '@ledger/domain';
import { SubjectEventHandler } from '../../writes/subject-event.handler';
import { restriction, type RestrictionBody } from '../restriction.dto';

/** The restriction ends: every purpose is governed by its rule again. */
@Injectable()
export class LiftRestrictionHandler extends SubjectEventHandler<RestrictionBody> {
  protected build(from: CommandProvenance, body: RestrictionBody, context: RecordingContext) {
    return liftRestriction({ ...from, ...restriction(body) }, context);
  }
}
