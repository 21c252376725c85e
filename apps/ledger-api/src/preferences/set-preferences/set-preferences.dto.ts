import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsIn, IsString, Matches } from 'class-validator';
import { CHANNELS, FREQUENCIES, type Channel, type Frequency } from '@ledger/domain';
import { Nested } from '../../http/nested';
import { OptionallySourcedBody } from '../../writes/provenance.dto';

export class ChannelPreferenceDto {
  @ApiProperty({ enum: FREQUENCIES })
  @IsIn(FREQUENCIES)
  frequency!: Frequency;
}

/** At most one preference a channel; a channel left out has none. */
export class ChannelPreferencesDto implements Partial<Record<Channel, ChannelPreferenceDto>> {
  email?: ChannelPreferenceDto;
  sms?: ChannelPreferenceDto;
  phone?: ChannelPreferenceDto;
  post?: ChannelPreferenceDto;
}
// One optional field a channel, from the domain's list, so a new channel is validated at once.
for (const channel of CHANNELS)
  Nested(ChannelPreferenceDto, { optional: true })(ChannelPreferencesDto.prototype, channel);

export class SetPreferencesBody extends OptionallySourcedBody {
  @Nested(ChannelPreferencesDto)
  channels!: ChannelPreferencesDto;

  @ApiProperty({ type: [String], example: ['prevoyance', 'sante'] })
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @Matches(/^[a-z0-9][a-z0-9_-]{0,59}$/, { each: true, message: 'topics are lower-case slugs' })
  topics!: string[];
}
