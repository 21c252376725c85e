import { Body, Controller, Param, Post } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiProperty,
  ApiPropertyOptional,
  ApiTags,
} from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsOptional, ValidateNested } from 'class-validator';
import {
  CHANNELS,
  CONTACT_INITIATORS,
  recordContact,
  type Channel,
  type ContactInitiator,
} from '@ledger/domain';
import { SubjectIdParam } from '../../http/subject-id.param';
import { EventWriter } from '../../writes/event-writer';
import { provenance, ProvenanceBody, SourceDto } from '../../writes/provenance.dto';
import { WriteAcknowledgementDto } from '../../writes/write-acknowledgement.dto';
import { Write, type WriteContext } from '../../writes/write-context';

export class RecordContactBody extends ProvenanceBody {
  @ApiProperty({ enum: CHANNELS })
  @IsIn(CHANNELS)
  channel!: Channel;

  @ApiProperty({
    enum: CONTACT_INITIATORS,
    description: 'prospect data is kept 3 years after their last own contact',
  })
  @IsIn(CONTACT_INITIATORS)
  initiatedBy!: ContactInitiator;

  @ApiPropertyOptional({ type: SourceDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => SourceDto)
  source?: SourceDto;
}

@ApiTags('contacts')
@ApiBearerAuth()
@Controller('v1/subjects')
export class RecordContactController {
  constructor(private readonly writer: EventWriter) {}

  @Post(':subjectId/contacts')
  @ApiCreatedResponse({ type: WriteAcknowledgementDto })
  async handle(
    @Param() { subjectId }: SubjectIdParam,
    @Body() body: RecordContactBody,
    @Write() write: WriteContext,
  ): Promise<WriteAcknowledgementDto> {
    const command = {
      ...provenance(subjectId, body, write.principal),
      channel: body.channel,
      initiatedBy: body.initiatedBy,
    };
    return this.writer.record((context) => recordContact(command, context), write);
  }
}
