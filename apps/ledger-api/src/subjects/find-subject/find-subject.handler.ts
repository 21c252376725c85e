import { Injectable } from '@nestjs/common';
import { LedgerError } from '@ledger/domain';
import { SubjectReader, type SubjectRef } from '../../read-side/subject-reader';

/** Who an id, email or phone belongs to, and how long their history is (where a timeline starts). */
@Injectable()
export class FindSubjectHandler {
  constructor(private readonly subjects: SubjectReader) {}

  async execute(ref: SubjectRef) {
    const { subjectId, record } = await this.subjects.resolve(ref);
    if (!subjectId || !record) throw new LedgerError('not_found', 'No subject matches this reference');
    return {
      subjectId,
      kind: record.kind,
      eventCount: record.eventCount,
      ...(record.erasedAt !== undefined ? { erasedAt: record.erasedAt } : {}),
    };
  }
}
