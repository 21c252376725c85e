import type { Collection, Db } from 'mongodb';
import { recordKey, type AppliedEvents, type LogPosition } from '@ledger/domain';
import { COLLECTIONS } from './collections';
import { insertKeepingExisting } from './duplicate-key';

interface AppliedEventDocument {
  _id: string;
  subjectId: string;
  partition: number;
  offset: string;
}

/**
 * Every event id the projector has taken, with the log record that carried it first: exact
 * duplicate detection (an append retried after an unknown outcome can put one event in the log
 * twice) by point reads, without scanning any history.
 */
export class AppliedEventStore implements AppliedEvents {
  private readonly collection: Collection<AppliedEventDocument>;

  constructor(db: Db, collectionName: string = COLLECTIONS.appliedEvents) {
    this.collection = db.collection<AppliedEventDocument>(collectionName);
  }

  /**
   * Claims each event id for its log record. Returns the records (`partition:offset`) whose event
   * id another record carried first: duplicates, to skip. A record claiming again (a batch
   * replayed after a crash) keeps its claim.
   */
  async claim(
    records: Array<{ eventId: string; subjectId: string; position: LogPosition }>,
  ): Promise<Set<string>> {
    if (records.length === 0) return new Set();
    const documents = records.map(({ eventId, subjectId, position }) => ({
      _id: eventId,
      subjectId,
      partition: position.partition,
      offset: position.offset,
    }));
    const taken = (await insertKeepingExisting(this.collection, documents)).map((i) => documents[i]._id);
    const duplicates = new Set<string>();
    const owners = new Map<string, AppliedEventDocument | null>();
    await Promise.all(
      [...new Set(taken)].map(async (_id) => owners.set(_id, await this.collection.findOne({ _id }))),
    );
    for (const { eventId, position } of records) {
      if (!owners.has(eventId)) continue;
      const owner = owners.get(eventId);
      // Two records of one event in this batch: the first inserted its claim, the second is refused.
      if (owner?.partition !== position.partition || owner?.offset !== position.offset) {
        duplicates.add(recordKey(position));
      }
    }
    return duplicates;
  }

  /** Where the event was first applied from, if it ever was. */
  async positionOf(eventId: string): Promise<LogPosition | undefined> {
    const document = await this.collection.findOne({ _id: eventId });
    return document ? { partition: document.partition, offset: document.offset } : undefined;
  }
}
