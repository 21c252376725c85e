import { Injectable } from '@nestjs/common';
import { encodePositionToken } from '@ledger/contracts';
import { LedgerError } from '@ledger/domain';
import { readConsistency } from '../../read-side/consistent-with';
import { SubjectReader } from '../../read-side/subject-reader';
import { MAX_HISTORY_PAGE, type HistoryQuery } from './get-subject-history.dto';
import { PersonalDataReader } from '../../read-side/personal-data-reader';

/**
 * Events in log order, with their provenance and proof fields, for the DPO and support; a page
 * at a time (`from`, `limit`), `next` naming the following page while there is one.
 */
@Injectable()
export class GetSubjectHistoryHandler {
  constructor(
    private readonly subjects: SubjectReader,
    private readonly personalData: PersonalDataReader,
  ) {}

  async execute(subjectId: string, query: HistoryQuery) {
    const { record, consistency } = await this.subjects.read(
      { subjectId },
      undefined,
      readConsistency(query),
    );
    if (!record) throw new LedgerError('not_found', `Nothing is recorded about subject ${subjectId}`);
    const from = query.from ?? 0;
    const limit = query.limit ?? MAX_HISTORY_PAGE;
    const to = Math.min(record.eventCount, from + limit);
    const events = await this.subjects.history(record, from, to);
    await this.personalData.refresh(subjectId);
    return {
      subjectId,
      eventCount: record.eventCount,
      from,
      // Personal values in clear; an erased person's read as null (`personalData: erased`).
      events: await Promise.all(
        events.map(async ({ position, seq: _seq, ...entry }) => ({
          ...(await this.personalData.event({ ...entry, subjectId })),
          subjectId: undefined,
          position: encodePositionToken(position),
        })),
      ),
      ...(to < record.eventCount
        ? { next: `/v1/subjects/${encodeURIComponent(subjectId)}/history?from=${to}&limit=${limit}` }
        : {}),
      consistency,
    };
  }
}
