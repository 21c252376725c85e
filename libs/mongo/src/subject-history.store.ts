import type { AnyBulkWriteOperation, Collection, Db } from 'mongodb';
import type { HistoryEntry } from '@ledger/domain';
import { COLLECTIONS } from './collections';

/** Entries per history document: a subject's history is read in point reads of this many. */
export const HISTORY_CHUNK = 100;

interface HistoryChunkDocument {
  _id: string;
  subjectId: string;
  /** Keyed `n<seq>`: writing one slot is idempotent, so a replayed batch rewrites the same values. */
  entries: Record<string, HistoryEntry>;
}

const chunkId = (subjectId: string, seq: number) => `${subjectId}#${Math.floor(seq / HISTORY_CHUNK)}`;

/**
 * A subject's full history, apart from its record: one slot per event in documents of
 * HISTORY_CHUNK entries under ids FerretDB serves by point read (`<subjectId>#<chunk>`).
 * Read only for the history itself and questions older than what the record retains.
 */
export class SubjectHistoryStore {
  private readonly collection: Collection<HistoryChunkDocument>;

  constructor(db: Db, collectionName: string = COLLECTIONS.subjectHistory) {
    this.collection = db.collection<HistoryChunkDocument>(collectionName);
  }

  /** Writes each entry in its slot (`seq`); slots already written are overwritten with the same value. */
  async append(entries: Array<{ subjectId: string; entry: HistoryEntry }>): Promise<void> {
    const byChunk = new Map<string, { subjectId: string; set: Record<string, HistoryEntry> }>();
    for (const { subjectId, entry } of entries) {
      if (entry.seq === undefined) throw new Error(`history entry ${entry.id} has no seq`);
      const id = chunkId(subjectId, entry.seq);
      const chunk = byChunk.get(id) ?? { subjectId, set: {} };
      chunk.set[`entries.n${entry.seq}`] = entry;
      byChunk.set(id, chunk);
    }
    if (byChunk.size === 0) return;
    const operations: AnyBulkWriteOperation<HistoryChunkDocument>[] = [...byChunk].map(
      ([_id, { subjectId, set }]) => ({
        updateOne: { filter: { _id }, update: { $set: { subjectId, ...set } }, upsert: true },
      }),
    );
    await this.collection.bulkWrite(operations, { ordered: false });
  }

  /** The first `count` entries of a subject's history, in log order. */
  async read(subjectId: string, count: number): Promise<HistoryEntry[]> {
    const chunks = Math.ceil(count / HISTORY_CHUNK);
    const documents = await Promise.all(
      Array.from({ length: chunks }, (_, i) => this.collection.findOne({ _id: `${subjectId}#${i}` })),
    );
    const entries: HistoryEntry[] = [];
    for (let seq = 0; seq < count; seq++) {
      const entry = documents[Math.floor(seq / HISTORY_CHUNK)]?.entries[`n${seq}`];
      if (!entry) throw new Error(`history of ${subjectId} is missing entry ${seq}`);
      entries.push(entry);
    }
    return entries;
  }
}
