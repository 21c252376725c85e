import type { Db } from 'mongodb';
import { COLLECTIONS, readModelNames } from './collections';
import { MongoDataKeyStore } from './data-key.store';
import { MongoIdempotencyStore } from './idempotency.store';
import { ReadModelGenerationStore } from './read-model-generation.store';

/** Every generation whose read models exist in the database (`''` is the first). */
async function generations(db: Db): Promise<string[]> {
  const names = await db.listCollections({}, { nameOnly: true }).toArray();
  const pattern = new RegExp(`^${COLLECTIONS.subjects}(?:_(.+))?$`);
  return names.flatMap(({ name }) => {
    const match = pattern.exec(name);
    return match ? [match[1] ?? ''] : [];
  });
}

/**
 * What an erasure does beyond the log and the projecting generation: the person's data key is
 * destroyed (every sealed copy becomes unreadable), their idempotency records are forgotten, and
 * every other generation kept (an old one after a rebuild) loses their documents. The active
 * generation is left to its own projector, which keeps the history with its values unreadable.
 */
export class MongoErasure {
  constructor(
    private readonly db: Db,
    private readonly ownGeneration: string,
  ) {}

  async erase(subjectId: string, at: string): Promise<void> {
    await new MongoDataKeyStore(this.db).destroy(subjectId, at);
    await new MongoIdempotencyStore(this.db).purgeSubject(subjectId);
    const active = await new ReadModelGenerationStore(this.db).active();
    for (const generation of await generations(this.db)) {
      if (generation === this.ownGeneration || generation === active) continue;
      const names = readModelNames(generation);
      await this.db.collection<{ _id: string }>(names.subjects).deleteOne({ _id: subjectId });
      await this.db.collection(names.subjectHistory).deleteMany({ subjectId });
      await this.db.collection(names.identifiers).deleteMany({ subjectId });
    }
  }
}
