import type { Collection, Db } from 'mongodb';
import type { SuppressionEntry, Suppressions } from '@ledger/domain';

interface SuppressionDocument {
  /** `<identifier key>|<erasure event id>`: an identifier erased twice has two entries. */
  _id: string;
  key: string;
  erasedEventId: string;
  oppositions: SuppressionEntry['oppositions'];
}

/** Keyed hashes of erased people's identifiers, with the oppositions they had (a read model). */
export class SuppressionStore implements Suppressions {
  private readonly collection: Collection<SuppressionDocument>;

  constructor(db: Db, collectionName: string) {
    this.collection = db.collection<SuppressionDocument>(collectionName);
  }

  async save(entries: SuppressionEntry[]): Promise<void> {
    if (entries.length === 0) return;
    await this.collection.bulkWrite(
      entries.map((entry) => {
        const _id = `${entry.key}|${entry.erasedEventId}`;
        return { replaceOne: { filter: { _id }, replacement: { _id, ...entry }, upsert: true } };
      }),
      { ordered: false },
    );
  }

  async find(keys: string[]): Promise<SuppressionEntry[]> {
    if (keys.length === 0) return [];
    const found = await this.collection.find({ key: { $in: keys } }).toArray();
    return found.map(({ _id: _ignored, ...entry }) => entry);
  }
}
