import type { Db } from 'mongodb';
import type { HistoryEntry, SubjectRecord } from '@ledger/domain';
import { readModelNames } from './collections';

/**
 * Every subject record and history entry of a generation, streamed in the order the server
 * keeps them: what `ledger verify` holds against the log, in constant memory.
 */
export class ReadModelScan {
  constructor(
    private readonly db: Db,
    private readonly generation: string,
  ) {}

  async *subjects(): AsyncGenerator<SubjectRecord> {
    const cursor = this.db
      .collection<{ _id: string } & Omit<SubjectRecord, 'subjectId'>>(
        readModelNames(this.generation).subjects,
      )
      .find({}, { batchSize: 1000 });
    for await (const { _id, ...rest } of cursor) yield { subjectId: _id, ...rest } as SubjectRecord;
  }

  async *history(): AsyncGenerator<{ id: string; subjectId: string; entry: HistoryEntry }> {
    const cursor = this.db
      .collection<{ _id: string; subjectId: string; entry: HistoryEntry }>(
        readModelNames(this.generation).subjectHistory,
      )
      .find({}, { batchSize: 1000 });
    for await (const { _id, subjectId, entry } of cursor) yield { id: _id, subjectId, entry };
  }
}
