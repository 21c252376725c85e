import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayNotEmpty, IsArray, IsIn, IsOptional } from 'class-validator';
import {
  CHANNELS,
  PARTNERS,
  PURPOSES,
  type Channel,
  type ChoiceScope,
  type Partner,
  type Purpose,
} from '@ledger/domain';
import { SourcedBody } from './provenance.dto';

/** A consent, withdrawal or opposition: a purpose, its channels, a partner for transfers. */
export class ChoiceBody extends SourcedBody {
  @ApiProperty({ enum: PURPOSES })
  @IsIn(PURPOSES)
  purpose!: Purpose;

  @ApiProperty({ enum: CHANNELS, isArray: true, example: ['email', 'sms'] })
  @IsArray()
  @ArrayNotEmpty()
  @ArrayMaxSize(CHANNELS.length)
  @IsIn(CHANNELS, { each: true })
  channels!: Channel[];

  @ApiPropertyOptional({ enum: PARTNERS, description: 'required with, and only with, partner_transfer' })
  @IsOptional()
  @IsIn(PARTNERS)
  partner?: Partner;
}

export function choiceScope(body: ChoiceBody): ChoiceScope {
  return {
    purpose: body.purpose,
    channels: body.channels,
    ...(body.partner !== undefined ? { partner: body.partner } : {}),
  };
}
