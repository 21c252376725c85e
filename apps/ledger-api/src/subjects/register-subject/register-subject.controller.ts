import { Body, Controller, HttpCode, Param, Put, UseGuards } from '@nestjs/common';
import { ApiKeyGuard } from '../../auth/api-key.guard';
import { SubjectIdParam } from '../subject-id.param';
import { RegisterSubjectBody } from './register-subject.dto';
import { RegisterSubjectHandler, type WriteAcknowledgement } from './register-subject.handler';

@Controller('v1/subjects')
@UseGuards(ApiKeyGuard)
export class RegisterSubjectController {
  constructor(private readonly handler: RegisterSubjectHandler) {}

  @Put(':subjectId')
  @HttpCode(200)
  register(
    @Param() { subjectId }: SubjectIdParam,
    @Body() body: RegisterSubjectBody,
  ): Promise<WriteAcknowledgement> {
    return this.handler.execute({
      subjectId,
      kind: body.kind,
      actor: { type: 'system' },
      sourceClient: 'admin',
    });
  }
}
