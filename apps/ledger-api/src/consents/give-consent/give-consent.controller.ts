import { Body, Controller, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsISO8601, IsOptional } from 'class-validator';
import { giveConsent } from '@ledger/domain';
import { RequireScope } from '../../auth/scopes';
import { SubjectIdParam } from '../../subjects/subject-id.param';
import { EventWriter } from '../../writes/event-writer';
import { provenance } from '../../writes/provenance.dto';
import { WriteAcknowledgementDto } from '../../writes/write-acknowledgement.dto';
import { Write, type WriteContext } from '../../writes/write-context';
import { ChoiceBody, choiceScope } from '../choice.dto';

export class GiveConsentBody extends ChoiceBody {
  @ApiPropertyOptional({ description: 'when the consent lapses (ISO 8601), after occurredAt' })
  @IsOptional()
  @IsISO8601({ strict: true, strictSeparator: true })
  expiresAt?: string;
}

@ApiTags('consents')
@ApiBearerAuth()
@Controller('v1/subjects')
export class GiveConsentController {
  constructor(private readonly writer: EventWriter) {}

  @Post(':subjectId/consents')
  @RequireScope('events:write')
  @ApiCreatedResponse({ type: WriteAcknowledgementDto })
  async handle(
    @Param() { subjectId }: SubjectIdParam,
    @Body() body: GiveConsentBody,
    @Write() write: WriteContext,
  ): Promise<WriteAcknowledgementDto> {
    const command = {
      ...provenance(subjectId, body, write.principal),
      ...choiceScope(body),
      ...(body.expiresAt !== undefined ? { expiresAt: new Date(body.expiresAt).toISOString() } : {}),
    };
    return this.writer.append(giveConsent(command, this.writer.recordingContext()), write);
  }
}
