import type { Collection, Db } from 'mongodb';
import type { Checkpoints, PartitionMark } from '@ledger/domain';
import { COLLECTIONS } from './collections';
import { DUPLICATE_KEY } from './duplicate-key';

interface CheckpointDocument {
  _id: string;
  topic: string;
  partition: number;
  /** Highest offset whose event, and every event before it, is applied. */
  appliedOffset: number;
  /** Running digest of the partition's verified records up to appliedOffset (see foldPartitionDigest). */
  digest?: string;
}

/** Per-partition high-water marks of the projector, stored beside the read models they describe. */
export class CheckpointStore implements Checkpoints {
  private readonly collection: Collection<CheckpointDocument>;

  constructor(
    db: Db,
    private readonly topic: string,
    collectionName: string = COLLECTIONS.checkpoints,
  ) {
    this.collection = db.collection<CheckpointDocument>(collectionName);
  }

  private id(partition: number): string {
    return `${this.topic}:${partition}`;
  }

  async mark(partition: number): Promise<PartitionMark | undefined> {
    const document = await this.collection.findOne({ _id: this.id(partition) });
    if (!document) return undefined;
    return {
      appliedOffset: document.appliedOffset,
      ...(document.digest !== undefined ? { digest: document.digest } : {}),
    };
  }

  async marks(): Promise<Map<number, PartitionMark>> {
    const documents = await this.collection.find({ topic: this.topic }).toArray();
    return new Map(
      documents.map((doc) => [
        doc.partition,
        { appliedOffset: doc.appliedOffset, ...(doc.digest !== undefined ? { digest: doc.digest } : {}) },
      ]),
    );
  }

  /** Compare-and-set on the offset loaded: the mark and its digest always move together. */
  async moveMark(partition: number, from: PartitionMark | undefined, to: PartitionMark): Promise<boolean> {
    const set = {
      appliedOffset: to.appliedOffset,
      ...(to.digest !== undefined ? { digest: to.digest } : {}),
    };
    if (from === undefined) {
      try {
        await this.collection.insertOne({ _id: this.id(partition), topic: this.topic, partition, ...set });
        return true;
      } catch (error) {
        if ((error as { code?: unknown }).code === DUPLICATE_KEY) return false;
        throw error;
      }
    }
    const result = await this.collection.updateOne(
      { _id: this.id(partition), appliedOffset: from.appliedOffset },
      to.digest !== undefined ? { $set: set } : { $set: set, $unset: { digest: '' } },
    );
    return result.matchedCount === 1;
  }

  async appliedOffsets(): Promise<Map<number, number>> {
    const documents = await this.collection.find({ topic: this.topic }).toArray();
    return new Map(documents.map((doc) => [doc.partition, doc.appliedOffset]));
  }

  async appliedOffset(partition: number): Promise<number | undefined> {
    const document = await this.collection.findOne({ _id: this.id(partition) });
    return document?.appliedOffset;
  }
}
