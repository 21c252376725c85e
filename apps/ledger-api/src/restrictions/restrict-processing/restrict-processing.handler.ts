import { Injectable } from '@nestjs/common';
import { restrictProcessing, type CommandProvenance, type RecordingContext } from '@ledger/domain';
import { SubjectEventHandler } from '../../writes/subject-event.handler';
import { restriction, type RestrictionBody } from '../restriction.dto';

/** GDPR art. 18: purposes based on consent or legitimate interest are held until the restriction is lifted. */
@Injectable()
export class RestrictProcessingHandler extends SubjectEventHandler<RestrictionBody> {
  protected build(from: CommandProvenance, body: RestrictionBody, context: RecordingContext) {
    return restrictProcessing({ ...from, ...restriction(body) }, context);
  }
}
