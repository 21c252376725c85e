import type { Collection, Db } from 'mongodb';
import type { LogPosition, RecordingDue, Recordings } from '@ledger/domain';
import { COLLECTIONS } from './collections';
import { LazyIndex } from './lazy-index';
import { keysetPage } from './keyset-page';
import { positionKey, replaceUnlessNewer } from './replace-unless-newer';

interface RecordingDocument extends Omit<RecordingDue, 'callId'> {
  /** `subjectId|callId|recording`. */
  _id: string;
  callId: string;
  /** What the list is read by: the earlier of the recording's and its grid's dates. */
  firstDue: string;
  /** partition:offset of the event, zero-padded, so that string order is log order. */
  position: string;
}

/** Recordings by destroy-by date; a later event for the same recording replaces the date. */
export class RecordingStore implements Recordings {
  private readonly collection: Collection<RecordingDocument>;
  private readonly indexed: LazyIndex;

  constructor(db: Db, collectionName: string = COLLECTIONS.recordings) {
    this.collection = db.collection<RecordingDocument>(collectionName);
    this.indexed = new LazyIndex(this.collection, { firstDue: 1, _id: 1 });
  }

  async schedule(entries: Array<{ due: RecordingDue; position: LogPosition }>): Promise<void> {
    if (entries.length === 0) return;
    await this.indexed.ensure();
    await replaceUnlessNewer(
      this.collection,
      entries.map(({ due, position }) => {
        const dates = [due.destroyBy, due.analysisGridDestroyBy].filter((d): d is string => d !== undefined);
        return {
          _id: `${due.subjectId}|${due.callId}|${due.recording}`,
          document: { ...due, firstDue: dates.sort()[0], position: positionKey(position) },
        };
      }),
    );
  }

  async ofSubject(subjectId: string): Promise<RecordingDue[]> {
    const found = await this.collection.find({ subjectId }).sort({ firstDue: 1 }).limit(10_000).toArray();
    return found.map(({ _id: _key, firstDue: _first, position: _position, ...due }) => due);
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
