import type { AnyBulkWriteOperation, Collection, Db } from 'mongodb';
import { notYetApplied, type MarkedOffsets, type PendingMark, type PendingMarks } from '@ledger/domain';
import { COLLECTIONS } from './collections';
import { GroupedCalls } from './grouped-calls';
import { IdReads, serverAnswerOf } from './id-reads';

/**
 * One document per mark key: `p<partition>` holds the highest offset of the key's restrictive
 * events in that partition, `v` counts the times it was raised (so a sweep removes only the very
 * version it saw passed, never a mark left since).
 */
interface PendingMarkDocument {
  _id: string;
  v: number;
  [partition: `p${number}`]: number;
}

const PARTITION_FIELD = /^p(\d+)$/;

function offsetsOf(document: PendingMarkDocument): Map<number, number> {
  const offsets = new Map<number, number>();
  for (const [field, value] of Object.entries(document)) {
    const match = PARTITION_FIELD.exec(field);
    if (match && typeof value === 'number') offsets.set(Number(match[1]), value);
  }
  return offsets;
}

/**
 * The marks of restrictive writes acknowledged and maybe not yet applied (PendingMarks). Written
 * with majority acknowledgement: on a replica set, a mark acknowledged is one a failover keeps.
 */
export class PendingMarkStore implements PendingMarks {
  private readonly collection: Collection<PendingMarkDocument>;
  private readonly reads: IdReads<PendingMarkDocument>;
  // Every restrictive write leaves marks: concurrent writers' go together, one bulk write a round trip.
  private readonly writes = new GroupedCalls<PendingMark[], void>(async (groups) => {
    await this.write(groups.flat());
    return groups.map(() => undefined);
  }, 200);

  constructor(db: Db, collectionName: string = COLLECTIONS.pendingMarks) {
    this.collection = db.collection<PendingMarkDocument>(collectionName);
    this.reads = new IdReads(this.collection, 'detect', serverAnswerOf(db));
  }

  async leave(marks: PendingMark[]): Promise<void> {
    if (marks.length > 0) await this.writes.call(marks);
  }

  async find(keys: string[]): Promise<MarkedOffsets> {
    const found = new Map<string, Map<number, number>>();
    for (const document of await this.reads.find([...new Set(keys)])) {
      const offsets = offsetsOf(document);
      if (offsets.size > 0) found.set(document._id, offsets);
    }
    return found;
  }

  async *scan(): AsyncGenerator<{ key: string; offsets: Map<number, number> }> {
    for await (const document of this.collection.find({}, { batchSize: 1000 }))
      yield { key: document._id, offsets: offsetsOf(document) };
  }

  async clearPassed(applied: Map<number, number>): Promise<number> {
    const passed: Array<{ _id: string; v: number }> = [];
    for await (const document of this.collection.find({}, { batchSize: 1000 })) {
      if (notYetApplied(offsetsOf(document), applied).size === 0)
        passed.push({ _id: document._id, v: document.v });
    }
    if (passed.length === 0) return 0;
    const result = await this.collection.bulkWrite(
      passed.map((filter) => ({ deleteOne: { filter } })),
      { ordered: false },
    );
    return result.deletedCount;
  }

  private async write(marks: PendingMark[]): Promise<void> {
    const byKey = new Map<string, Record<`p${number}`, number>>();
    for (const { key, partition, offset } of marks) {
      const fields = byKey.get(key) ?? {};
      fields[`p${partition}`] = Math.max(fields[`p${partition}`] ?? -1, offset);
      byKey.set(key, fields);
    }
    const operations: AnyBulkWriteOperation<PendingMarkDocument>[] = [...byKey].map(([key, fields]) => ({
      updateOne: { filter: { _id: key }, update: { $max: fields, $inc: { v: 1 } }, upsert: true },
    }));
    await this.collection.bulkWrite(operations, { ordered: false, writeConcern: { w: 'majority' } });
  }
}
