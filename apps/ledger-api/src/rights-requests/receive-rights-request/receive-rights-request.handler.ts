import { Injectable } from '@nestjs/common';
import { receiveRightsRequest } from '@ledger/domain';
import { resolveKnownSubject } from '../../read-side/known-subject';
import { SubjectReader } from '../../read-side/subject-reader';
import { EventWriter } from '../../writes/event-writer';
import type { WriteContext } from '../../writes/write-context';
import { dpoProvenance } from '../rights-request-step';
import type { ReceiveRightsRequestBody } from './receive-rights-request.dto';

/** A request received by post or email: due one calendar month after receipt (GDPR art. 12(3)). */
@Injectable()
export class ReceiveRightsRequestHandler {
  constructor(
    private readonly writer: EventWriter,
    private readonly subjects: SubjectReader,
  ) {}

  async execute(body: ReceiveRightsRequestBody, write: WriteContext) {
    const { subjectId } = await resolveKnownSubject(this.subjects, body.subject);
    const context = this.writer.recordingContext();
    // The request is named by its event id, so a retried request finds its first answer.
    const command = {
      ...dpoProvenance(write),
      subjectId,
      requestId: context.eventId,
      type: body.type,
      channel: body.channel,
      receivedAt: body.receivedAt,
    };
    const event = receiveRightsRequest(command, context);
    const ack = await this.writer.record(() => event, write, context);
    return { requestId: ack.eventId, dueAt: event.data.dueAt, ...ack };
  }
}
