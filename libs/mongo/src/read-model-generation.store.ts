import type { Collection, Db } from 'mongodb';
import { COLLECTIONS } from './collections';

interface GenerationDocument {
  _id: 'active';
  generation: string;
  switchedAt: string;
  previous: string;
}

/** The pointer that a rebuild flips once its fresh collections have caught up with the log. */
export class ReadModelGenerationStore {
  private readonly collection: Collection<GenerationDocument>;

  constructor(db: Db) {
    this.collection = db.collection<GenerationDocument>(COLLECTIONS.generation);
  }

  async active(): Promise<string> {
    return (await this.collection.findOne({ _id: 'active' }))?.generation ?? '';
  }

  async switchTo(generation: string, at: string): Promise<string> {
    const previous = await this.active();
    await this.collection.replaceOne(
      { _id: 'active' },
      { generation, switchedAt: at, previous },
      { upsert: true },
    );
    return previous;
  }
}
