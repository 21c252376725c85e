import { Body, Inject, Controller, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { recordingDestroyBy, registerOpposition, type Policy } from '@ledger/domain';
import { ReadModelFreshness } from '../../read-side/read-model-freshness';
import { SubjectReader } from '../../read-side/subject-reader';
import { EventWriter } from '../../writes/event-writer';
import { Write, type WriteContext } from '../../writes/write-context';
import { CallIdParam, CallSubjectBody } from '../call.dto';
import { resolveCallSubject } from '../call-subject';
import { POLICY } from '../../tokens';

export class RecordingObjectionBody extends CallSubjectBody {
  @ApiProperty({ enum: ['quality', 'canvassing'] })
  @IsIn(['quality', 'canvassing'])
  recording!: 'quality' | 'canvassing';
}

@ApiTags('calls')
@ApiBearerAuth()
@Controller('v1/calls')
export class ObjectToRecordingController {
  constructor(
    private readonly subjects: SubjectReader,
    private readonly writer: EventWriter,
    private readonly freshness: ReadModelFreshness,
    @Inject(POLICY) private readonly policy: Policy,
  ) {}

  /** Mid-call: records the objection and says what to do with the recording, now. */
  @Post(':callId/recording-objections')
  @ApiCreatedResponse({ description: '{eventId, position, instruction, destroyBy}' })
  async object(
    @Param() { callId }: CallIdParam,
    @Body() body: RecordingObjectionBody,
    @Write() write: WriteContext,
  ) {
    const { subjectId } = await resolveCallSubject(this.subjects, this.freshness, body.subject);
    // The instructions are dated from the instant the objection is recorded.
    const recording = this.writer.recordingContext();
    const recordedAt = recording.now;
    const ack = await this.writer.record(
      (context) =>
        registerOpposition(
          {
            subjectId,
            actor: { type: 'subject' },
            source: { collectionPoint: `call:${callId}`, method: 'phone_call', client: write.principal.name },
            purpose: body.recording === 'quality' ? 'call_recording_quality' : 'call_recording_canvassing',
            channels: ['phone'],
          },
          context,
        ),
      write,
      recording,
    );
    // Quality: stop now, keep what was recorded 6 months and the grid 1 year.
    // Telemarketing law: end the call and destroy the recording at once.
    return body.recording === 'quality'
      ? {
          ...ack,
          instruction: 'stop_recording',
          destroyBy: {
            recording: recordingDestroyBy(this.policy, recordedAt).qualityRecording,
            analysisGrid: recordingDestroyBy(this.policy, recordedAt).analysisGrid,
          },
        }
      : { ...ack, instruction: 'end_call_and_destroy_recording', destroyBy: { recording: recordedAt } };
  }
}
