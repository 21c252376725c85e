import { Body, Controller, Param, Post } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiProperty,
  ApiPropertyOptional,
  ApiTags,
} from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsBoolean,
  IsDefined,
  IsObject,
  IsOptional,
  IsString,
  Length,
  ValidateNested,
} from 'class-validator';
import { recordCookieChoices } from '@ledger/domain';
import { SubjectIdParam } from '../../http/subject-id.param';
import { EventWriter } from '../../writes/event-writer';
import { provenance, ProvenanceBody, SourceDto } from '../../writes/provenance.dto';
import { WriteAcknowledgementDto } from '../../writes/write-acknowledgement.dto';
import { Write, type WriteContext } from '../../writes/write-context';

/** A category left out counts as refused: no choice is no consent. */
export class CookieChoicesDto {
  @ApiPropertyOptional() @IsOptional() @IsBoolean() functional?: boolean;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() audience?: boolean;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() advertising?: boolean;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() social?: boolean;
}

export class RecordCookieChoicesBody extends ProvenanceBody {
  @ApiProperty({ type: CookieChoicesDto })
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => CookieChoicesDto)
  choices!: CookieChoicesDto;

  @ApiProperty({ example: 'v3' })
  @IsString()
  @Length(1, 50)
  bannerVersion!: string;

  @ApiPropertyOptional({ type: SourceDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => SourceDto)
  source?: SourceDto;
}

@ApiTags('cookies')
@ApiBearerAuth()
@Controller('v1/subjects')
export class RecordCookieChoicesController {
  constructor(private readonly writer: EventWriter) {}

  @Post(':subjectId/cookie-choices')
  @ApiCreatedResponse({ type: WriteAcknowledgementDto })
  async handle(
    @Param() { subjectId }: SubjectIdParam,
    @Body() body: RecordCookieChoicesBody,
    @Write() write: WriteContext,
  ): Promise<WriteAcknowledgementDto> {
    const command = {
      ...provenance(subjectId, body, write.principal, {
        collectionPoint: 'cookie-banner',
        method: 'cookie_banner',
      }),
      choices: { ...body.choices },
      bannerVersion: body.bannerVersion,
    };
    return this.writer.record((context) => recordCookieChoices(command, context), write);
  }
}
