import { ApiProperty } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { CHANNELS, CONTACT_INITIATORS, type Channel, type ContactInitiator } from '@ledger/domain';
import { OptionallySourcedBody } from '../../writes/provenance.dto';

export class RecordContactBody extends OptionallySourcedBody {
  @ApiProperty({ enum: CHANNELS })
  @IsIn(CHANNELS)
  channel!: Channel;

  @ApiProperty({
    enum: CONTACT_INITIATORS,
    description: 'prospect data is kept 3 years after their last own contact',
  })
  @IsIn(CONTACT_INITIATORS)
  initiatedBy!: ContactInitiator;
}
