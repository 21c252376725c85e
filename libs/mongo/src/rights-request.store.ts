import { MongoBulkWriteError, type Collection, type Db, type Filter } from 'mongodb';
import type { LogPosition, RightsRequest, RightsRequests } from '@ledger/domain';
import { COLLECTIONS } from './collections';
import { DUPLICATE_KEY } from './duplicate-key';
import { keysetPage } from './keyset-page';

interface RightsRequestDocument extends Omit<RightsRequest, 'requestId'> {
  _id: string;
  /** partition:offset of the latest event applied, zero-padded: string order is log order. */
  position: string;
}

const positionKey = ({ partition, offset }: LogPosition) =>
  `${String(partition).padStart(6, '0')}:${offset.padStart(20, '0')}`;

const toRequest = ({ _id, position: _position, ...rest }: RightsRequestDocument): RightsRequest => ({
  requestId: _id,
  ...rest,
});

/** The DPO's board: rights requests by due date; a later event's state replaces an earlier one. */
export class RightsRequestStore implements RightsRequests {
  private readonly collection: Collection<RightsRequestDocument>;
  private indexed: Promise<unknown> | undefined;

  constructor(db: Db, collectionName: string = COLLECTIONS.rightsRequests) {
    this.collection = db.collection<RightsRequestDocument>(collectionName);
  }

  async save(requests: Array<{ request: RightsRequest; position: LogPosition }>): Promise<void> {
    if (requests.length === 0) return;
    this.indexed ??= this.collection.createIndex({ dueAt: 1, _id: 1 });
    await this.indexed;
    const operations = requests.map(({ request: { requestId, ...rest }, position }) => {
      const document = { ...rest, position: positionKey(position) };
      // Only over an older state: a replayed or late batch never moves a request back.
      return {
        replaceOne: {
          filter: { _id: requestId, position: { $lte: document.position } },
          replacement: document,
          upsert: true,
        },
      };
    });
    try {
      await this.collection.bulkWrite(operations, { ordered: false });
    } catch (error) {
      if (!(error instanceof MongoBulkWriteError)) throw error;
      const errors = Array.isArray(error.writeErrors) ? error.writeErrors : [error.writeErrors];
      if (errors.some((e) => e.code !== DUPLICATE_KEY)) throw error;
    }
  }

  async find(requestId: string): Promise<RightsRequest | null> {
    const document = await this.collection.findOne({ _id: requestId });
    return document ? toRequest(document) : null;
  }

  async findMany(requestIds: string[]): Promise<Map<string, RightsRequest>> {
    const found = new Map<string, RightsRequest>();
    for (const requestId of new Set(requestIds)) {
      const request = await this.find(requestId);
      if (request) found.set(requestId, request);
    }
    return found;
  }

  async list(
    filter: { status?: RightsRequest['status']; type?: string; dueBy?: string },
    limit: number,
    cursor?: string,
  ): Promise<{ requests: RightsRequest[]; next?: string }> {
    const query: Filter<RightsRequestDocument> = {
      ...(filter.status !== undefined ? { status: filter.status } : {}),
      ...(filter.type !== undefined ? { type: filter.type as RightsRequest['type'] } : {}),
      ...(filter.dueBy !== undefined ? { dueAt: { $lte: filter.dueBy } } : {}),
    };
    const page = await keysetPage(this.collection, query, 'dueAt', limit, cursor);
    return { requests: page.rows.map(toRequest), ...(page.next !== undefined ? { next: page.next } : {}) };
  }
}
