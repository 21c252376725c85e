import { Controller, Get, Header } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { SUBJECT_EXPORT_SCHEMA } from '@ledger/contracts';

/** The published JSON Schema of an export: what a person (or their new provider) can check it by. */
@ApiTags('subjects')
@Controller('v1/schemas')
export class ExportSchemaController {
  @Get('subject-export')
  @Header('content-type', 'application/schema+json')
  @ApiOkResponse({ description: 'JSON Schema (draft-07) of GET /v1/subjects/{subjectId}/export' })
  schema() {
    return SUBJECT_EXPORT_SCHEMA;
  }
}
