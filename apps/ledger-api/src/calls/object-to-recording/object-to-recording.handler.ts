import { Inject, Injectable } from '@nestjs/common';
import { recordingDestroyBy, recordRecordingObjection, type Policy } from '@ledger/domain';
import { SubjectReader } from '../../read-side/subject-reader';
import { POLICY } from '../../tokens';
import { EventWriter } from '../../writes/event-writer';
import type { WriteContext } from '../../writes/write-context';
import { resolveKnownSubject } from '../../read-side/known-subject';
import { callProvenance } from '../call-provenance';
import type { RecordingObjectionBody } from './object-to-recording.dto';

/** Mid-call: records the objection and says what to do with the recording, now. */
@Injectable()
export class ObjectToRecordingHandler {
  constructor(
    private readonly subjects: SubjectReader,
    private readonly writer: EventWriter,
    @Inject(POLICY) private readonly policy: Policy,
  ) {}

  async execute(callId: string, body: RecordingObjectionBody, write: WriteContext) {
    const { subjectId } = await resolveKnownSubject(this.subjects, body.subject);
    // The instructions, and the dates recorded with the objection, are from the instant it is recorded.
    const context = this.writer.recordingContext();
    const { qualityRecording, analysisGrid } = recordingDestroyBy(this.policy, context.now);
    // Quality: stop now, keep what was recorded and the grid for the policy's periods.
    // Telemarketing law: end the call and destroy the recording at once.
    const schedule =
      body.recording === 'quality'
        ? { recording: 'quality' as const, destroyBy: qualityRecording, analysisGridDestroyBy: analysisGrid }
        : { recording: 'canvassing' as const, destroyBy: context.now };
    const objection = { ...callProvenance(subjectId, callId, 'subject', write), callId, ...schedule };
    const ack = await this.writer.record(
      (recording) => recordRecordingObjection(objection, recording),
      write,
      context,
    );
    return body.recording === 'quality'
      ? { ...ack, instruction: 'stop_recording', destroyBy: { recording: qualityRecording, analysisGrid } }
      : { ...ack, instruction: 'end_call_and_destroy_recording', destroyBy: { recording: context.now } };
  }
}
