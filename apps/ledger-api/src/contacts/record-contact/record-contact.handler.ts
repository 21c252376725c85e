import { Injectable } from '@nestjs/common';
import { recordContact, type CommandProvenance, type RecordingContext } from '@ledger/domain';
import { SubjectEventHandler } from '../../writes/subject-event.handler';
import type { RecordContactBody } from './record-contact.dto';

/** A contact with the person; one they initiate restarts a prospect's 3-year retention. */
@Injectable()
export class RecordContactHandler extends SubjectEventHandler<RecordContactBody> {
  protected build(from: CommandProvenance, body: RecordContactBody, context: RecordingContext) {
    return recordContact({ ...from, channel: body.channel, initiatedBy: body.initiatedBy }, context);
  }
}
