import { Inject, Injectable } from '@nestjs/common';
import { recordingDestroyBy, registerOpposition, type Policy } from '@ledger/domain';
import { ReadModelFreshness } from '../../read-side/read-model-freshness';
import { SubjectReader } from '../../read-side/subject-reader';
import { POLICY } from '../../tokens';
import { EventWriter } from '../../writes/event-writer';
import type { WriteContext } from '../../writes/write-context';
import { callProvenance, resolveCallSubject } from '../call-subject';
import type { RecordingObjectionBody } from './object-to-recording.dto';

/** Mid-call: records the objection and says what to do with the recording, now. */
@Injectable()
export class ObjectToRecordingHandler {
  constructor(
    private readonly subjects: SubjectReader,
    private readonly writer: EventWriter,
    private readonly freshness: ReadModelFreshness,
    @Inject(POLICY) private readonly policy: Policy,
  ) {}

  async execute(callId: string, body: RecordingObjectionBody, write: WriteContext) {
    const { subjectId } = await resolveCallSubject(this.subjects, this.freshness, body.subject);
    const objection = {
      ...callProvenance(subjectId, callId, 'subject', write),
      purpose:
        body.recording === 'quality'
          ? ('call_recording_quality' as const)
          : ('call_recording_canvassing' as const),
      channels: ['phone' as const],
    };
    // The instructions are dated from the instant the objection is recorded.
    const recording = this.writer.recordingContext();
    const ack = await this.writer.record(
      (context) => registerOpposition(objection, context),
      write,
      recording,
    );
    if (body.recording === 'canvassing') {
      // Telemarketing law: end the call and destroy the recording at once.
      return {
        ...ack,
        instruction: 'end_call_and_destroy_recording',
        destroyBy: { recording: recording.now },
      };
    }
    // Quality: stop now, keep what was recorded and the analysis grid for the policy's periods.
    const { qualityRecording, analysisGrid } = recordingDestroyBy(this.policy, recording.now);
    return {
      ...ack,
      instruction: 'stop_recording',
      destroyBy: { recording: qualityRecording, analysisGrid },
    };
  }
}
