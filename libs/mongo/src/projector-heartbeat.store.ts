import type { Collection, Db } from 'mongodb';
import { COLLECTIONS } from './collections';

interface HeartbeatDocument {
  /** The projector consumer group: one document however many processes it had. */
  _id: string;
  seenAt: Date;
}

/** Projector processes say they are alive every few seconds; the API reads when one last did. */
export class ProjectorHeartbeatStore {
  private readonly collection: Collection<HeartbeatDocument>;

  constructor(db: Db) {
    this.collection = db.collection<HeartbeatDocument>(COLLECTIONS.projectorHeartbeats);
  }

  /** $max: a process whose clock lags another's never moves the mark back. */
  async beat(groupId: string, at: Date): Promise<void> {
    await this.collection.updateOne({ _id: groupId }, { $max: { seenAt: at } }, { upsert: true });
  }

  /** The most recent heartbeat of any projector of the group, if any. */
  async lastSeen(groupId: string): Promise<Date | undefined> {
    return (await this.collection.findOne({ _id: groupId }))?.seenAt;
  }
}
