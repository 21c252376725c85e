import type { Collection, Db } from 'mongodb';
import type { Checkpoints, LogPosition } from '@ledger/domain';
import { COLLECTIONS } from './collections';

interface CheckpointDocument {
  _id: string;
  topic: string;
  partition: number;
  /** Highest offset whose event, and every event before it, is applied. */
  appliedOffset: number;
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

  /** $max keeps the mark monotonic when an older batch is redelivered after a newer one. */
  async advance(positions: LogPosition[]): Promise<void> {
    const highest = new Map<number, number>();
    for (const { partition, offset } of positions) {
      highest.set(partition, Math.max(highest.get(partition) ?? -1, Number(offset)));
    }
    if (highest.size === 0) return;
    await this.collection.bulkWrite(
      [...highest].map(([partition, appliedOffset]) => ({
        updateOne: {
          filter: { _id: `${this.topic}:${partition}` },
          update: {
            $max: { appliedOffset },
            $setOnInsert: { topic: this.topic, partition },
          },
          upsert: true,
        },
      })),
    );
  }

  async appliedOffsets(): Promise<Map<number, number>> {
    const documents = await this.collection.find({ topic: this.topic }).toArray();
    return new Map(documents.map((doc) => [doc.partition, doc.appliedOffset]));
  }

  async appliedOffset(partition: number): Promise<number | undefined> {
    const document = await this.collection.findOne({ _id: `${this.topic}:${partition}` });
    return document?.appliedOffset;
  }
}
