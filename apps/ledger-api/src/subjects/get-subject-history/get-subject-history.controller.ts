import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { encodePositionToken } from '@ledger/contracts';
import { LedgerError } from '@ledger/domain';
import { RequireScope } from '../../auth/scopes';
import { SubjectReader } from '../../read-side/subject-reader';
import { SubjectIdParam } from '../subject-id.param';

@ApiTags('subjects')
@ApiBearerAuth()
@Controller('v1/subjects')
export class GetSubjectHistoryController {
  constructor(private readonly subjects: SubjectReader) {}

  /** Events in log order, with their provenance and proof fields, for the DPO and support. */
  @Get(':subjectId/history')
  @RequireScope('rights:manage')
  async history(@Param() { subjectId }: SubjectIdParam) {
    const { record } = await this.subjects.resolve({ subjectId });
    if (!record) throw new LedgerError('not_found', `Nothing is recorded about subject ${subjectId}`);
    return {
      subjectId,
      events: record.history.map(({ position, ...event }) => ({
        ...event,
        position: encodePositionToken(position),
      })),
    };
  }
}
