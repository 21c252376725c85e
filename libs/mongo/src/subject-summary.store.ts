import type { Collection, Db } from 'mongodb';
import type { SubjectSummary } from '@ledger/domain';
import { COLLECTIONS } from './collections';

interface SubjectSummaryDocument extends Omit<SubjectSummary, 'subjectId'> {
  _id: string;
}

/** Loads and saves subject summaries; the state change itself is the domain's evolve. */
export class SubjectSummaryStore {
  private readonly collection: Collection<SubjectSummaryDocument>;

  constructor(db: Db) {
    this.collection = db.collection<SubjectSummaryDocument>(COLLECTIONS.subjects);
  }

  async loadMany(subjectIds: string[]): Promise<Map<string, SubjectSummary>> {
    const found = new Map<string, SubjectSummary>();
    if (subjectIds.length === 0) return found;
    // Point reads, not $in: FerretDB pushes only a lone `_id` equality down to its index, so an
    // $in scans the whole collection (bench/results/ferretdb-backends.json).
    const documents = await Promise.all(subjectIds.map((_id) => this.collection.findOne({ _id })));
    for (const document of documents) {
      if (document === null) continue;
      const { _id, ...rest } = document;
      found.set(_id, { subjectId: _id, ...rest });
    }
    return found;
  }

  async saveMany(summaries: SubjectSummary[]): Promise<void> {
    if (summaries.length === 0) return;
    await this.collection.bulkWrite(
      summaries.map(({ subjectId, ...rest }) => ({
        replaceOne: { filter: { _id: subjectId }, replacement: rest, upsert: true },
      })),
      { ordered: true },
    );
  }

  async findOne(subjectId: string): Promise<SubjectSummary | null> {
    const document = await this.collection.findOne({ _id: subjectId });
    if (!document) return null;
    const { _id, ...rest } = document;
    return { subjectId: _id, ...rest };
  }
}
