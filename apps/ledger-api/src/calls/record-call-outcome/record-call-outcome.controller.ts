import { Body, Controller, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { CALL_OUTCOMES, recordCallAttempt, type CallOutcome } from '@ledger/domain';
import { ReadModelFreshness } from '../../read-side/read-model-freshness';
import { SubjectReader } from '../../read-side/subject-reader';
import { EventWriter } from '../../writes/event-writer';
import { Write, type WriteContext } from '../../writes/write-context';
import { CallIdParam, CallKindBody } from '../call.dto';
import { resolveCallSubject } from '../call-subject';
import { Timestamp } from '../../http/timestamp';

export class CallOutcomeBody extends CallKindBody {
  @ApiProperty({ enum: CALL_OUTCOMES, description: 'refused: the person refused canvassing during the call' })
  @IsIn(CALL_OUTCOMES)
  outcome!: CallOutcome;

  @Timestamp('when the attempt was made (RFC 3339, with Z or an offset); default now', { optional: true })
  occurredAt?: string;
}

@ApiTags('calls')
@ApiBearerAuth()
@Controller('v1/calls')
export class RecordCallOutcomeController {
  constructor(
    private readonly subjects: SubjectReader,
    private readonly writer: EventWriter,
    private readonly freshness: ReadModelFreshness,
  ) {}

  /** Records an attempt (counted against the 4-in-30-days limit); a refusal blocks canvassing. */
  @Post(':callId/outcome')
  @ApiCreatedResponse({ description: '{eventId, position}' })
  async outcome(
    @Param() { callId }: CallIdParam,
    @Body() body: CallOutcomeBody,
    @Write() write: WriteContext,
  ) {
    const { subjectId } = await resolveCallSubject(this.subjects, this.freshness, body.subject);
    return this.writer.record(
      (context) =>
        recordCallAttempt(
          {
            subjectId,
            actor: { type: 'agent' },
            source: { collectionPoint: `call:${callId}`, method: 'phone_call', client: write.principal.name },
            ...(body.occurredAt !== undefined ? { occurredAt: body.occurredAt } : {}),
            callId,
            kind: body.kind,
            outcome: body.outcome,
          },
          context,
        ),
      write,
    );
  }
}
