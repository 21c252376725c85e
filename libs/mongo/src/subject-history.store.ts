import type { Collection, Db } from 'mongodb';
import { CHOICE_TYPES, type HistoryEntry, type RecordedChoice, type SubjectHistory } from '@ledger/domain';
import { COLLECTIONS } from './collections';
import { LazyIndex } from './lazy-index';
import { insertKeepingExisting } from './duplicate-key';

/** Point reads in flight while reading one history. */
const READ_CONCURRENCY = 64;

interface HistoryEntryDocument {
  /** `<subjectId>#<seq>`: FerretDB serves it by point read; an insert replayed is a duplicate key. */
  _id: string;
  subjectId: string;
  entry: HistoryEntry;
}

const entryId = (subjectId: string, seq: number) => `${subjectId}#${seq}`;

/**
 * A subject's full history, apart from its record: one document per event under an id FerretDB
 * serves by point read. Written by plain inserts (the cheapest write FerretDB has), read only for
 * the history itself and for questions older than what the record retains.
 */
export class SubjectHistoryStore implements SubjectHistory {
  private readonly collection: Collection<HistoryEntryDocument>;
  private readonly indexed: LazyIndex;

  constructor(db: Db, collectionName: string = COLLECTIONS.subjectHistory) {
    this.collection = db.collection<HistoryEntryDocument>(collectionName);
    this.indexed = new LazyIndex(this.collection, {
      'entry.recordedAt': 1,
    });
  }

  /** Inserts each entry in its slot (`seq`); a slot already written (a replayed batch) is left as it is. */
  async append(entries: Array<{ subjectId: string; entry: HistoryEntry }>): Promise<void> {
    const documents = entries.map(({ subjectId, entry }) => {
      if (entry.seq === undefined) throw new Error(`history entry ${entry.id} has no seq`);
      return { _id: entryId(subjectId, entry.seq), subjectId, entry };
    });
    // The same slot always holds the same entry (seq follows log order), so a duplicate is a replay.
    await insertKeepingExisting(this.collection, documents);
  }

  /** Entries `from` (included) to `to` (excluded) of a subject's history, in log order. */
  async read(subjectId: string, to: number, from = 0): Promise<HistoryEntry[]> {
    const entries: HistoryEntry[] = new Array(Math.max(0, to - from));
    let next = from;
    const worker = async () => {
      while (next < to) {
        const seq = next++;
        const document = await this.collection.findOne({ _id: entryId(subjectId, seq) });
        if (!document) throw new Error(`history of ${subjectId} is missing entry ${seq}`);
        entries[seq - from] = document.entry;
      }
    };
    await Promise.all(Array.from({ length: Math.min(READ_CONCURRENCY, to - from) }, worker));
    return entries;
  }

  /**
   * Every subject's consents and oppositions recorded in [from, to), by a scan of the window:
   * the index is made on first use, so the projector's inserts pay for it only once charts are read.
   */
  async *choicesRecorded(from: string, to: string): AsyncGenerator<RecordedChoice> {
    await this.indexed.ensure();
    const documents = this.collection.find(
      { 'entry.recordedAt': { $gte: from, $lt: to }, 'entry.type': { $in: [...CHOICE_TYPES] } },
      {
        projection: { 'entry.type': 1, 'entry.recordedAt': 1, 'entry.data': 1 },
        batchSize: 1000,
      },
    );
    for await (const { entry } of documents) {
      const data = entry.data as { purpose?: unknown; channels?: unknown };
      if (typeof data.purpose !== 'string') continue;
      yield {
        type: entry.type,
        recordedAt: entry.recordedAt,
        purpose: data.purpose,
        ...(Array.isArray(data.channels)
          ? { channels: data.channels.filter((c) => typeof c === 'string') }
          : {}),
      };
    }
  }
}
