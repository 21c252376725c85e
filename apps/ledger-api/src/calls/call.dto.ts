import { ApiProperty } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { CALL_KINDS, type CallKind } from '@ledger/domain';
import { Nested } from '../http/nested';
import { OpaqueId } from '../http/opaque-id';
import { SubjectRefDto } from '../read-side/subject-ref.dto';

export class CallIdParam {
  @OpaqueId('callId', 'call-1')
  callId!: string;
}

export class CallSubjectBody {
  @Nested(SubjectRefDto)
  subject!: SubjectRefDto;
}

export class CallKindBody extends CallSubjectBody {
  @ApiProperty({ enum: CALL_KINDS })
  @IsIn(CALL_KINDS)
  kind!: CallKind;
}
