import { Inject, Injectable } from '@nestjs/common';
import {
  decideCallStart,
  recordCallStart,
  type CallStartDecision,
  type Policy,
  type ScheduledRecording,
} from '@ledger/domain';
import { readConsistency } from '../../read-side/consistent-with';
import { SubjectReader } from '../../read-side/subject-reader';
import { EventWriter } from '../../writes/event-writer';
import type { WriteContext } from '../../writes/write-context';
import { POLICY } from '../../tokens';
import { callProvenance } from '../call-provenance';
import type { StartCallBody } from './start-call.dto';

/** The recordings a call may make, with the dates the call centre must destroy them by. */
function scheduledRecordings(decision: CallStartDecision): ScheduledRecording[] {
  const { quality, canvassing } = decision.recording;
  return [
    ...(quality.allowed
      ? [
          {
            recording: 'quality' as const,
            destroyBy: quality.destroyBy.recording,
            analysisGridDestroyBy: quality.destroyBy.analysisGrid,
          },
        ]
      : []),
    ...(canvassing?.allowed
      ? [{ recording: 'canvassing' as const, destroyBy: canvassing.destroyBy.recording }]
      : []),
  ];
}

/**
 * Before a call connects: the domain's call-start rule on the subject as the ledger knows them
 * now (every restrictive write about them acknowledged before included: a refusal, an attempt). A call that may start is recorded (a canvassing call counts as an attempt from its start;
 * its recordings are scheduled for destruction); one refused records nothing.
 */
@Injectable()
export class StartCallHandler {
  constructor(
    private readonly subjects: SubjectReader,
    private readonly writer: EventWriter,
    @Inject(POLICY) private readonly policy: Policy,
  ) {}

  async execute(callId: string, body: StartCallBody, write: WriteContext) {
    const context = this.writer.recordingContext();
    const { subjectId, record } = await this.subjects.read(
      body.subject,
      context.now,
      readConsistency({ consistentWith: body.consistentWith }),
    );
    const decision = decideCallStart(this.policy, record, { kind: body.kind, at: context.now });
    const answer = { callId, ...decision };
    const mayStart = decision.canvassing?.allowed ?? true;
    // Someone the ledger does not know has nothing to attach the call to.
    if (!mayStart || subjectId === undefined) return answer;
    const started = {
      ...callProvenance(subjectId, callId, 'agent', write),
      callId,
      kind: body.kind,
      recordings: scheduledRecordings(decision),
    };
    const ack = await this.writer.record((recording) => recordCallStart(started, recording), write, context);
    return { ...answer, ...ack };
  }
}
