import type { Collection, Db } from 'mongodb';
import { COLLECTIONS } from './collections';

interface HeartbeatDocument {
  /** `<group>/<host>/<pid>`: one document per projector process. */
  _id: string;
  groupId: string;
  seenAt: Date;
}

/** Projector processes say they are alive every few seconds; the API reads when they last did. */
export class ProjectorHeartbeatStore {
  private readonly collection: Collection<HeartbeatDocument>;

  constructor(db: Db) {
    this.collection = db.collection<HeartbeatDocument>(COLLECTIONS.projectorHeartbeats);
  }

  async beat(groupId: string, instance: string, at: Date): Promise<void> {
    await this.collection.replaceOne(
      { _id: `${groupId}/${instance}` },
      { groupId, seenAt: at },
      { upsert: true },
    );
  }

  /** The most recent heartbeat of any projector of the group, if any. */
  async lastSeen(groupId: string): Promise<Date | undefined> {
    const documents = await this.collection.find({ groupId }).toArray();
    return documents.reduce<Date | undefined>(
      (latest, doc) => (latest === undefined || doc.seenAt > latest ? doc.seenAt : latest),
      undefined,
    );
  }
}
