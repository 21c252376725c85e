import { Injectable } from '@nestjs/common';
import { recordCallAttempt } from '@ledger/domain';
import { SubjectReader } from '../../read-side/subject-reader';
import { EventWriter, type WriteAcknowledgement } from '../../writes/event-writer';
import type { WriteContext } from '../../writes/write-context';
import { resolveKnownSubject } from '../../read-side/known-subject';
import { callProvenance } from '../call-provenance';
import type { CallOutcomeBody } from './record-call-outcome.dto';

/** Records an attempt (counted against the 4-in-30-days limit); a refusal blocks canvassing. */
@Injectable()
export class RecordCallOutcomeHandler {
  constructor(
    private readonly subjects: SubjectReader,
    private readonly writer: EventWriter,
  ) {}

  async execute(callId: string, body: CallOutcomeBody, write: WriteContext): Promise<WriteAcknowledgement> {
    const { subjectId } = await resolveKnownSubject(this.subjects, body.subject);
    const attempt = {
      ...callProvenance(subjectId, callId, 'agent', write),
      ...(body.occurredAt !== undefined ? { occurredAt: body.occurredAt } : {}),
      ...{ callId, kind: body.kind, outcome: body.outcome },
    };
    return this.writer.record((context) => recordCallAttempt(attempt, context), write);
  }
}
