import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayNotEmpty, IsArray, IsIn, ValidateNested } from 'class-validator';
import { CHANNELS, PARTNERS, type Channel, type Partner } from '@ledger/domain';
import { ConsistentWithField } from '../../read-side/consistent-with';
import { SubjectRefDto } from '../../read-side/subject-ref.dto';

/** One event records the whole manifest; beyond this, send the list in several transfers. */
export const MAX_TRANSFER_SUBJECTS = 2000;

export class TransferToPartnerBody {
  @ApiProperty({ enum: PARTNERS })
  @IsIn(PARTNERS)
  partner!: Partner;

  @ApiProperty({ enum: CHANNELS })
  @IsIn(CHANNELS)
  channel!: Channel;

  @ApiProperty({ type: [SubjectRefDto], maxItems: MAX_TRANSFER_SUBJECTS })
  @IsArray()
  @ArrayNotEmpty()
  @ArrayMaxSize(MAX_TRANSFER_SUBJECTS)
  @ValidateNested({ each: true })
  @Type(() => SubjectRefDto)
  subjects!: SubjectRefDto[];

  @ConsistentWithField()
  consistentWith?: string | string[];
}
