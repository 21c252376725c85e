import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsString, Length } from 'class-validator';
import { REFUSAL_REASONS, type RefusalReason } from '@ledger/domain';

export class RefuseRightsRequestBody {
  @ApiProperty({ enum: REFUSAL_REASONS })
  @IsIn(REFUSAL_REASONS)
  reason!: RefusalReason;

  @ApiProperty({
    maxLength: 2000,
    description: 'why: the burden of proof is the controller’s (GDPR art. 12(5))',
  })
  @IsString()
  @Length(1, 2000)
  justification!: string;
}
