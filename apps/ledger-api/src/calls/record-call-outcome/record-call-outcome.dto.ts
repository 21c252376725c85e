import { ApiProperty } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { CALL_OUTCOMES, type CallOutcome } from '@ledger/domain';
import { Timestamp } from '../../http/timestamp';
import { CallKindBody } from '../call.dto';

export class CallOutcomeBody extends CallKindBody {
  @ApiProperty({ enum: CALL_OUTCOMES, description: 'refused: the person refused canvassing during the call' })
  @IsIn(CALL_OUTCOMES)
  outcome!: CallOutcome;

  @Timestamp('when the attempt was made (RFC 3339, with Z or an offset); default now', { optional: true })
  occurredAt?: string;
}
