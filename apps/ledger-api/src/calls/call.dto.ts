import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDefined, IsIn, IsObject, Matches, ValidateNested } from 'class-validator';
import { CALL_KINDS, type CallKind } from '@ledger/domain';
import { SubjectRefDto } from '../read-side/subject-ref.dto';

export class CallIdParam {
  @ApiProperty({ pattern: '^[A-Za-z0-9._:-]{1,128}$', example: 'call-1' })
  @Matches(/^[A-Za-z0-9._:-]{1,128}$/, { message: 'callId must be 1-128 letters, digits, . _ : -' })
  callId!: string;
}

export class CallSubjectBody {
  @ApiProperty({ type: SubjectRefDto })
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => SubjectRefDto)
  subject!: SubjectRefDto;
}

export class CallKindBody extends CallSubjectBody {
  @ApiProperty({ enum: CALL_KINDS })
  @IsIn(CALL_KINDS)
  kind!: CallKind;
}
