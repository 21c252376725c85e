import { Body, Controller, HttpCode, Param, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsDefined,
  IsIn,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  ValidateNested,
} from 'class-validator';
import { CHANNELS, FREQUENCIES, setPreferences, type Frequency } from '@ledger/domain';
import { SubjectIdParam } from '../../http/subject-id.param';
import { EventWriter } from '../../writes/event-writer';
import { provenance, ProvenanceBody, SourceDto } from '../../writes/provenance.dto';
import { WriteAcknowledgementDto } from '../../writes/write-acknowledgement.dto';
import { Write, type WriteContext } from '../../writes/write-context';

export class ChannelPreferenceDto {
  @ApiProperty({ enum: FREQUENCIES })
  @IsIn(FREQUENCIES)
  frequency!: Frequency;
}

export class ChannelPreferencesDto {
  @ApiPropertyOptional({ type: ChannelPreferenceDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => ChannelPreferenceDto)
  email?: ChannelPreferenceDto;

  @ApiPropertyOptional({ type: ChannelPreferenceDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => ChannelPreferenceDto)
  sms?: ChannelPreferenceDto;

  @ApiPropertyOptional({ type: ChannelPreferenceDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => ChannelPreferenceDto)
  phone?: ChannelPreferenceDto;

  @ApiPropertyOptional({ type: ChannelPreferenceDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => ChannelPreferenceDto)
  post?: ChannelPreferenceDto;
}

export class SetPreferencesBody extends ProvenanceBody {
  @ApiProperty({ type: ChannelPreferencesDto })
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => ChannelPreferencesDto)
  channels!: ChannelPreferencesDto;

  @ApiProperty({ type: [String], example: ['prevoyance', 'sante'] })
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @Matches(/^[a-z0-9][a-z0-9_-]{0,59}$/, { each: true, message: 'topics are lower-case slugs' })
  topics!: string[];

  @ApiPropertyOptional({ type: SourceDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => SourceDto)
  source?: SourceDto;
}

@ApiTags('preferences')
@ApiBearerAuth()
@Controller('v1/subjects')
export class SetPreferencesController {
  constructor(private readonly writer: EventWriter) {}

  @Put(':subjectId/preferences')
  @HttpCode(200)
  @ApiOkResponse({ type: WriteAcknowledgementDto })
  async handle(
    @Param() { subjectId }: SubjectIdParam,
    @Body() body: SetPreferencesBody,
    @Write() write: WriteContext,
  ): Promise<WriteAcknowledgementDto> {
    const channels = Object.fromEntries(
      CHANNELS.flatMap((channel) => {
        const preference = body.channels[channel];
        return preference ? [[channel, { frequency: preference.frequency }]] : [];
      }),
    );
    const command = { ...provenance(subjectId, body, write.principal), channels, topics: body.topics };
    return this.writer.record((context) => setPreferences(command, context), write);
  }
}
