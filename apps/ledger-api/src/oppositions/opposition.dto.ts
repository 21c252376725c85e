import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayNotEmpty, IsArray, IsIn, IsOptional } from 'class-validator';
import {
  CHANNELS,
  PARTNERS,
  PURPOSES,
  type Channel,
  type OppositionScope,
  type Partner,
  type Purpose,
} from '@ledger/domain';
import { SourcedBody } from '../writes/provenance.dto';

/** An objection, or its withdrawal: no channels means every channel, no partner every partner. */
export class OppositionBody extends SourcedBody {
  @ApiProperty({ enum: PURPOSES })
  @IsIn(PURPOSES)
  purpose!: Purpose;

  @ApiPropertyOptional({
    enum: CHANNELS,
    isArray: true,
    example: ['email'],
    description: 'the channels objected on; leave out to object on every channel',
  })
  @IsOptional()
  @IsArray()
  @ArrayNotEmpty()
  @ArrayMaxSize(CHANNELS.length)
  @IsIn(CHANNELS, { each: true })
  channels?: Channel[];

  @ApiPropertyOptional({
    enum: PARTNERS,
    description: 'only with partner_transfer; leave out to object to transfers to every partner',
  })
  @IsOptional()
  @IsIn(PARTNERS)
  partner?: Partner;
}

export function oppositionScope(body: OppositionBody): OppositionScope {
  return {
    purpose: body.purpose,
    ...(body.channels !== undefined ? { channels: body.channels } : {}),
    ...(body.partner !== undefined ? { partner: body.partner } : {}),
  };
}
