import { Body, Controller, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiTags } from '@nestjs/swagger';
import { withdrawConsent, type ChoiceCommand } from '@ledger/domain';
import { SubjectIdParam } from '../../http/subject-id.param';
import { EventWriter } from '../../writes/event-writer';
import { provenance } from '../../writes/provenance.dto';
import { WriteAcknowledgementDto } from '../../writes/write-acknowledgement.dto';
import { Write, type WriteContext } from '../../writes/write-context';
import { ChoiceBody, choiceScope } from '../../writes/choice.dto';

@ApiTags('consents')
@ApiBearerAuth()
@Controller('v1/subjects')
export class WithdrawConsentController {
  constructor(private readonly writer: EventWriter) {}

  @Post(':subjectId/consent-withdrawals')
  @ApiCreatedResponse({ type: WriteAcknowledgementDto })
  async handle(
    @Param() { subjectId }: SubjectIdParam,
    @Body() body: ChoiceBody,
    @Write() write: WriteContext,
  ): Promise<WriteAcknowledgementDto> {
    const command: ChoiceCommand = { ...provenance(subjectId, body, write.principal), ...choiceScope(body) };
    return this.writer.record((context) => withdrawConsent(command, context), write);
  }
}
