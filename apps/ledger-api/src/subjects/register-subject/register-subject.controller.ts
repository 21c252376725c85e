import { Body, Controller, HttpCode, Param, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { WriteAcknowledgementDto } from '../../writes/write-acknowledgement.dto';
import { Write, type WriteContext } from '../../writes/write-context';
import { SubjectIdParam } from '../../http/subject-id.param';
import { RegisterSubjectBody } from './register-subject.dto';
import { RegisterSubjectHandler } from './register-subject.handler';

@ApiTags('subjects')
@ApiBearerAuth()
@Controller('v1/subjects')
export class RegisterSubjectController {
  constructor(private readonly handler: RegisterSubjectHandler) {}

  @Put(':subjectId')
  @HttpCode(200)
  @ApiOkResponse({ type: WriteAcknowledgementDto })
  register(
    @Param() { subjectId }: SubjectIdParam,
    @Body() body: RegisterSubjectBody,
    @Write() write: WriteContext,
  ): Promise<WriteAcknowledgementDto> {
    return this.handler.execute(subjectId, body, write);
  }
}
