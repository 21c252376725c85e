import type { Collection, Db, Filter, WithId } from 'mongodb';
import { GroupedCalls } from './grouped-calls';
import { inUsesIdIndex } from './server-capabilities';

/** Ids per `$in`: our FerretDB patch serves at most 1,000 from the index in one query. */
export const ID_SET_CHUNK = 1000;
/** An undecided detection (empty collection, server down) is tried again after this long. */
const REDETECT_MS = 5000;

/** `detect` on first use; `in` or `points` to force one way (tests of the other path). */
export type IdReadMode = 'detect' | 'in' | 'points';

/** What one collection of a database learnt of its server holds for every other of it. */
interface ServerAnswer {
  servesIdSets?: boolean;
}
const answers = new WeakMap<Db, ServerAnswer>();

/**
 * The server's answer shared by a database's collections: a collection empty or not created
 * yet (the pending marks, most of the time) cannot tell, but another of the same server can.
 */
export function serverAnswerOf(db: Db): ServerAnswer {
  let answer = answers.get(db);
  if (!answer) answers.set(db, (answer = {}));
  return answer;
}

/**
 * Reads documents by `_id`: one `$in` per chunk where the server serves it from its index
 * (MongoDB, our patched FerretDB: ~17k documents/s), point reads where an `$in` would scan
 * (FerretDB as released: ~1k reads/s). The server is asked once, by an explained probe. Single
 * reads from concurrent callers (decisions) then go together: one `$in` per round trip.
 */
export class IdReads<T extends { _id: string }> {
  private detected: Promise<boolean | undefined> | undefined;
  private undecidedAt = 0;
  private readonly singles = new GroupedCalls<string, WithId<T> | null>(async (ids) => {
    const found = await this.byIdSets([...new Set(ids)]);
    const byId = new Map(found.map((doc) => [doc._id, doc] as const));
    return ids.map((id) => byId.get(id as WithId<T>['_id']) ?? null);
  }, ID_SET_CHUNK);

  constructor(
    private readonly collection: Collection<T>,
    private readonly mode: IdReadMode = 'detect',
    private readonly server: ServerAnswer = {},
  ) {}

  /** Whether an `$in` of ids is served by the index; undefined while that cannot be told. */
  async servesIdSets(): Promise<boolean | undefined> {
    if (this.mode !== 'detect') return this.mode === 'in';
    if (this.server.servesIdSets !== undefined) return this.server.servesIdSets;
    if (
      this.detected === undefined ||
      (this.undecidedAt > 0 && Date.now() - this.undecidedAt > REDETECT_MS)
    ) {
      this.undecidedAt = 0;
      const undecided = () => {
        this.undecidedAt = Date.now();
        return undefined;
      };
      this.detected = inUsesIdIndex(this.collection).then((answer) => {
        if (answer === undefined) return undecided();
        this.server.servesIdSets = answer;
        return answer;
      }, undecided);
    }
    return this.detected;
  }

  /** One document, read together with other callers' where `$in` is served by the index. */
  async findOne(id: string): Promise<WithId<T> | null> {
    if ((await this.servesIdSets()) === true) return this.singles.call(id);
    return this.collection.findOne({ _id: id } as Filter<T>);
  }

  /** The documents that exist among `ids`, in no particular order. */
  async find(ids: string[]): Promise<Array<WithId<T>>> {
    if (ids.length === 0) return [];
    if (ids.length === 1) {
      const one = await this.findOne(ids[0]);
      return one === null ? [] : [one];
    }
    if ((await this.servesIdSets()) === true) return this.byIdSets(ids);
    const found: Array<WithId<T> | null> = await Promise.all(
      ids.map((_id) => this.collection.findOne({ _id } as Filter<T>)),
    );
    return found.filter((document): document is WithId<T> => document !== null);
  }

  private async byIdSets(ids: string[]): Promise<Array<WithId<T>>> {
    const chunks: string[][] = [];
    for (let i = 0; i < ids.length; i += ID_SET_CHUNK) chunks.push(ids.slice(i, i + ID_SET_CHUNK));
    const found = await Promise.all(
      // At most one document an id: the server closes the cursor with its first batch (no getMore).
      chunks.map((chunk) =>
        this.collection
          .find({ _id: { $in: chunk } } as Filter<T>, { batchSize: chunk.length + 1, limit: chunk.length })
          .toArray(),
      ),
    );
    return found.flat();
  }
}
