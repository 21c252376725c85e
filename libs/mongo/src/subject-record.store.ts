import { MongoServerError, type AnyBulkWriteOperation, type Collection, type Db } from 'mongodb';
import type { SubjectRecord, SubjectRecords, SubjectRecordWrite } from '@ledger/domain';
import { COLLECTIONS } from './collections';
import { DUPLICATE_KEY } from './duplicate-key';
import { estimatedCount } from './estimated-count';
import { IdReads, serverAnswerOf, type IdReadMode } from './id-reads';

interface SubjectRecordDocument extends Omit<SubjectRecord, 'subjectId'> {
  _id: string;
}

/** A read model written before records were bounded: only a rebuild can give it the new shape. */
export class LegacySubjectRecordError extends Error {
  constructor(subjectId: string) {
    super(
      `subject ${subjectId} is stored in the unbounded shape of earlier versions: ` +
        'stop the projector and run `npm run rebuild` (README, "Upgrading")',
    );
    this.name = 'LegacySubjectRecordError';
  }
}

function toRecord({ _id, ...rest }: SubjectRecordDocument): SubjectRecord {
  if (!Array.isArray(rest.retained)) throw new LegacySubjectRecordError(_id);
  return { subjectId: _id, ...rest };
}

/** Loads and saves subject records; the state change itself is the domain's evolve. */
export class SubjectRecordStore implements SubjectRecords {
  private readonly collection: Collection<SubjectRecordDocument>;
  private readonly reads: IdReads<SubjectRecordDocument>;

  constructor(
    readonly db: Db,
    readonly collectionName: string = COLLECTIONS.subjects,
    idReads: IdReadMode = 'detect',
  ) {
    this.collection = db.collection<SubjectRecordDocument>(collectionName);
    this.reads = new IdReads(this.collection, idReads, serverAnswerOf(db));
  }

  /** By `$in` chunks where the server's index serves them, else by point reads (IdReads). */
  async loadMany(subjectIds: string[]): Promise<Map<string, SubjectRecord>> {
    const documents = await this.reads.find(subjectIds);
    return new Map(documents.map((doc) => [doc._id, toRecord(doc)] as const));
  }

  /** Whether many records are read by one query each chunk (else one read per record). */
  servesIdSets(): Promise<boolean | undefined> {
    return this.reads.servesIdSets();
  }

  /**
   * Fenced save: each record replaces only the very version it was evolved from (compare and
   * set on the applied offset), so a late, evicted projector can never overwrite a newer state.
   * Returns the ids whose write was refused because the stored version had moved on.
   */
  async saveMany(writes: SubjectRecordWrite[]): Promise<string[]> {
    if (writes.length === 0) return [];
    const operations: AnyBulkWriteOperation<SubjectRecordDocument>[] = writes.map(
      ({ record: { subjectId, ...rest }, loaded }) =>
        loaded === null
          ? { insertOne: { document: { _id: subjectId, ...rest } } }
          : {
              replaceOne: {
                filter: {
                  _id: subjectId,
                  // Records written before fencing existed carry no offset.
                  appliedOffset: loaded.appliedOffset ?? { $exists: false },
                },
                replacement: rest,
              },
            },
    );
    const refused: string[] = [];
    try {
      const result = await this.collection.bulkWrite(operations, { ordered: false });
      if (result.matchedCount + result.insertedCount === writes.length) return [];
    } catch (error) {
      // Inserts of records someone else created meanwhile fail; whatever else failed is thrown.
      if (!(error instanceof MongoServerError)) throw error;
      const writeErrors = (error as MongoServerError & { writeErrors?: Array<{ code: number }> }).writeErrors;
      if (!writeErrors || writeErrors.some((e) => e.code !== DUPLICATE_KEY)) throw error;
    }
    // Find which writes did not land: a stored version other than the one written.
    const stored = await this.loadMany(writes.map((w) => w.record.subjectId));
    for (const { record } of writes) {
      if (stored.get(record.subjectId)?.appliedOffset !== record.appliedOffset)
        refused.push(record.subjectId);
    }
    return refused;
  }

  async findOne(subjectId: string): Promise<SubjectRecord | null> {
    const document = await this.collection.findOne({ _id: subjectId });
    return document ? toRecord(document) : null;
  }

  /** Every record, in the server's natural order (no sort asked: FerretDB would sort in memory). */
  async *scan(): AsyncGenerator<SubjectRecord> {
    for await (const document of this.collection.find({}, { batchSize: 1000 })) yield toRecord(document);
  }

  /** The collection's size from its metadata, without a scan. */
  async estimatedCount(): Promise<number> {
    return estimatedCount(this.collection);
  }

  /** Every record, in _id order: for comparing a projection with a rebuild. */
  async all(): Promise<SubjectRecord[]> {
    return (await this.collection.find({}).sort({ _id: 1 }).toArray()).map(toRecord);
  }
}
