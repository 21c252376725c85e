import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { encodePositionToken } from '@ledger/contracts';
import { LedgerError } from '@ledger/domain';
import { RequireScope } from '../../auth/scopes';
import { ReadQuery, tokensOf } from '../../read-side/consistent-with';
import { ReadModelFreshness } from '../../read-side/read-model-freshness';
import { SubjectReader } from '../../read-side/subject-reader';
import { SubjectIdParam } from '../subject-id.param';

@ApiTags('subjects')
@ApiBearerAuth()
@Controller('v1/subjects')
export class GetSubjectHistoryController {
  constructor(
    private readonly subjects: SubjectReader,
    private readonly freshness: ReadModelFreshness,
  ) {}

  /** Events in log order, with their provenance and proof fields, for the DPO and support. */
  @Get(':subjectId/history')
  @RequireScope('rights:manage')
  async history(@Param() { subjectId }: SubjectIdParam, @Query() query: ReadQuery) {
    await this.freshness.ensureFresh(tokensOf(query.consistentWith));
    const { record } = await this.subjects.resolve({ subjectId });
    if (!record) throw new LedgerError('not_found', `Nothing is recorded about subject ${subjectId}`);
    return {
      subjectId,
      events: (await this.subjects.history(record)).map(({ position, seq: _seq, ...event }) => ({
        ...event,
        position: encodePositionToken(position),
      })),
    };
  }
}
