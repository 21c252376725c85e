import { Body, Controller, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiTags } from '@nestjs/swagger';
import { giveConsent } from '@ledger/domain';
import { SubjectIdParam } from '../../http/subject-id.param';
import { EventWriter } from '../../writes/event-writer';
import { provenance } from '../../writes/provenance.dto';
import { WriteAcknowledgementDto } from '../../writes/write-acknowledgement.dto';
import { Write, type WriteContext } from '../../writes/write-context';
import { ChoiceBody, choiceScope } from '../../writes/choice.dto';
import { Timestamp } from '../../http/timestamp';

export class GiveConsentBody extends ChoiceBody {
  @Timestamp('when the consent lapses (RFC 3339, with Z or an offset), after occurredAt', { optional: true })
  expiresAt?: string;
}

@ApiTags('consents')
@ApiBearerAuth()
@Controller('v1/subjects')
export class GiveConsentController {
  constructor(private readonly writer: EventWriter) {}

  @Post(':subjectId/consents')
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
    return this.writer.record((context) => giveConsent(command, context), write);
  }
}
