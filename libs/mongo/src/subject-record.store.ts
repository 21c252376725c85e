import type { Collection, Db } from 'mongodb';
import type { SubjectRecord } from '@ledger/domain';
import { COLLECTIONS } from './collections';

interface SubjectRecordDocument extends Omit<SubjectRecord, 'subjectId'> {
  _id: string;
}

const toRecord = ({ _id, ...rest }: SubjectRecordDocument): SubjectRecord => ({ subjectId: _id, ...rest });

/** Loads and saves subject records; the state change itself is the domain's evolve. */
export class SubjectRecordStore {
  private readonly collection: Collection<SubjectRecordDocument>;

  constructor(db: Db, collectionName: string = COLLECTIONS.subjects) {
    this.collection = db.collection<SubjectRecordDocument>(collectionName);
  }

  async loadMany(subjectIds: string[]): Promise<Map<string, SubjectRecord>> {
    // Point reads, not $in: FerretDB pushes only a lone `_id` equality down to its index, so an
    // $in scans the whole collection (bench/results/ferretdb-backends.json).
    const documents = await Promise.all(subjectIds.map((_id) => this.collection.findOne({ _id })));
    return new Map(documents.flatMap((doc) => (doc ? [[doc._id, toRecord(doc)] as const] : [])));
  }

  async saveMany(records: SubjectRecord[]): Promise<void> {
    if (records.length === 0) return;
    await this.collection.bulkWrite(
      records.map(({ subjectId, ...rest }) => ({
        replaceOne: { filter: { _id: subjectId }, replacement: rest, upsert: true },
      })),
      { ordered: true },
    );
  }

  async findOne(subjectId: string): Promise<SubjectRecord | null> {
    const document = await this.collection.findOne({ _id: subjectId });
    return document ? toRecord(document) : null;
  }

  /** Every record, in _id order: for comparing a projection with a rebuild. */
  async all(): Promise<SubjectRecord[]> {
    return (await this.collection.find({}).sort({ _id: 1 }).toArray()).map(toRecord);
  }
}
