import type { Collection, Db } from 'mongodb';
import type { SignedCheckpoint } from '@ledger/contracts';
import { COLLECTIONS } from './collections';
import { insertKeepingExisting } from './duplicate-key';

interface SignedCheckpointDocument extends SignedCheckpoint {
  /** `<topic>:<partition>:<offset>`: one checkpoint per position, the first one signed kept. */
  _id: string;
}

/** Signed checkpoints: facts about the log, not a read model (a rebuild leaves them alone). */
export class SignedCheckpointStore {
  private readonly collection: Collection<SignedCheckpointDocument>;

  constructor(db: Db) {
    this.collection = db.collection<SignedCheckpointDocument>(COLLECTIONS.signedCheckpoints);
  }

  async save(checkpoints: SignedCheckpoint[]): Promise<void> {
    await insertKeepingExisting(
      this.collection,
      checkpoints.map((checkpoint) => ({
        _id: `${checkpoint.topic}:${checkpoint.partition}:${checkpoint.offset}`,
        ...checkpoint,
      })),
    );
  }

  async all(topic: string): Promise<Array<SignedCheckpoint & { _id: string }>> {
    return this.collection.find({ topic }).toArray();
  }
}
