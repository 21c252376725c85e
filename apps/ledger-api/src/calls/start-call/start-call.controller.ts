import { Body, Controller, HttpCode, Inject, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import {
  CALL_ATTEMPT_RECORDED,
  checkCanvassingGuards,
  D223_9_GUARDS,
  decide,
  recordingDestroyBy,
  type CallAttemptRecordedData,
  type Policy,
} from '@ledger/domain';
import { ConsistentWithField, tokensOf } from '../../read-side/consistent-with';
import { ReadModelFreshness } from '../../read-side/read-model-freshness';
import { SubjectReader } from '../../read-side/subject-reader';
import type { Clock } from '../../runtime';
import { CLOCK, POLICY } from '../../tokens';
import { CallIdParam, CallKindBody } from '../call.dto';

export class StartCallBody extends CallKindBody {
  @ConsistentWithField()
  consistentWith?: string | string[];
}

@ApiTags('calls')
@ApiBearerAuth()
@Controller('v1/calls')
export class StartCallController {
  constructor(
    private readonly subjects: SubjectReader,
    private readonly freshness: ReadModelFreshness,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(POLICY) private readonly policy: Policy,
  ) {}

  /** Before the call connects: may it be recorded, and may it be a canvassing call at all? */
  @Post(':callId/start')
  @HttpCode(200)
  @ApiOkResponse({ description: '{canvassing?, recording: {quality, canvassing?}}, each {allowed, reason}' })
  async start(@Param() { callId }: CallIdParam, @Body() body: StartCallBody) {
    const at = this.clock.now().toISOString();
    await this.freshness.ensureFresh(tokensOf(body.consistentWith));
    const { record } = await this.subjects.resolve(body.subject, at);
    const ask = (purpose: 'call_recording_quality' | 'call_recording_canvassing' | 'prospecting') => {
      const { allowed, reason, evidence } = decide(this.policy, record, { purpose, channel: 'phone', at });
      return { allowed, reason, evidence };
    };
    const destroyBy = recordingDestroyBy(this.policy, at);
    const quality = {
      ...ask('call_recording_quality'),
      destroyBy: { recording: destroyBy.qualityRecording, analysisGrid: destroyBy.analysisGrid },
    };
    if (body.kind === 'service') return { callId, kind: body.kind, decidedAt: at, recording: { quality } };

    const prospecting = ask('prospecting');
    const attempts = (record?.retained ?? [])
      .filter(
        (e) => e.type === CALL_ATTEMPT_RECORDED && (e.data as CallAttemptRecordedData).kind === 'canvassing',
      )
      .map((e) => e.occurredAt);
    const guard = checkCanvassingGuards(D223_9_GUARDS, at, attempts);
    const canvassing = !prospecting.allowed
      ? prospecting
      : guard.allowed
        ? prospecting
        : { allowed: false, reason: guard.reason, evidence: [] };
    return {
      callId,
      kind: body.kind,
      decidedAt: at,
      canvassing,
      recording: {
        quality,
        canvassing: {
          ...ask('call_recording_canvassing'),
          destroyBy: { recording: destroyBy.canvassingRecording },
        },
      },
    };
  }
}
