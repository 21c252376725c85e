import { MongoBulkWriteError, type Collection, type Db } from 'mongodb';
import type { LogPosition, RecordingDue, Recordings } from '@ledger/domain';
import { COLLECTIONS } from './collections';
import { DUPLICATE_KEY } from './duplicate-key';
import { keysetPage } from './keyset-page';

interface RecordingDocument extends Omit<RecordingDue, 'callId'> {
  /** `subjectId|callId|recording`. */
  _id: string;
  callId: string;
  /** What the list is read by: the earlier of the recording's and its grid's dates. */
  firstDue: string;
  /** partition:offset of the event, zero-padded, so that string order is log order. */
  position: string;
}

const positionKey = ({ partition, offset }: LogPosition) =>
  `${String(partition).padStart(6, '0')}:${offset.padStart(20, '0')}`;

/** Recordings by destroy-by date; a later event for the same recording replaces the date. */
export class RecordingStore implements Recordings {
  private readonly collection: Collection<RecordingDocument>;
  private indexed: Promise<unknown> | undefined;

  constructor(db: Db, collectionName: string = COLLECTIONS.recordings) {
    this.collection = db.collection<RecordingDocument>(collectionName);
  }

  async schedule(entries: Array<{ due: RecordingDue; position: LogPosition }>): Promise<void> {
    if (entries.length === 0) return;
    this.indexed ??= this.collection.createIndex({ firstDue: 1, _id: 1 });
    await this.indexed;
    const operations = entries.map(({ due, position }) => {
      const _id = `${due.subjectId}|${due.callId}|${due.recording}`;
      const firstDue = [due.destroyBy, due.analysisGridDestroyBy]
        .filter((d): d is string => d !== undefined)
        .sort()[0];
      const document = { ...due, firstDue, position: positionKey(position) };
      // Only over an older event's date: a replayed or late batch never moves a date back.
      return {
        replaceOne: {
          filter: { _id, position: { $lte: document.position } },
          replacement: document,
          upsert: true,
        },
      };
    });
    try {
      await this.collection.bulkWrite(operations, { ordered: false });
    } catch (error) {
      // The upsert of a recording a newer event already dated collides on _id: that one stands.
      if (!(error instanceof MongoBulkWriteError)) throw error;
      const errors = Array.isArray(error.writeErrors) ? error.writeErrors : [error.writeErrors];
      if (errors.some((e) => e.code !== DUPLICATE_KEY)) throw error;
    }
  }

  async dueBefore(
    before: string,
    limit: number,
    cursor?: string,
  ): Promise<{ due: RecordingDue[]; next?: string }> {
    const page = await keysetPage(this.collection, { firstDue: { $lte: before } }, 'firstDue', limit, cursor);
    return {
      due: page.rows.map(({ _id: _key, firstDue: _first, position: _position, ...due }) => due),
      ...(page.next !== undefined ? { next: page.next } : {}),
    };
  }
}
