import { Get, Param, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiProduces } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { ApiResource } from '../../http/api-resource';
import { SubjectIdParam } from '../../http/subject-id.param';
import { ExportQuery } from './export-subject.dto';
import { ExportSubjectHandler } from './export-subject.handler';

@ApiResource('subjects')
export class ExportSubjectController {
  constructor(private readonly handler: ExportSubjectHandler) {}

  @Get(':subjectId/export')
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({
    description: 'everything held on the person, streamed (JSON Schema: /v1/schemas/subject-export)',
  })
  export(@Param() path: SubjectIdParam, @Query() query: ExportQuery, @Res() reply: FastifyReply) {
    return this.handler.execute(path.subjectId, query, reply);
  }
}
