import type { Collection, Db, Filter } from 'mongodb';
import type { LogPosition, RightsRequest, RightsRequests } from '@ledger/domain';
import { COLLECTIONS } from './collections';
import { LazyIndex } from './lazy-index';
import { keysetPage } from './keyset-page';
import { positionKey, replaceUnlessNewer } from './replace-unless-newer';

interface RightsRequestDocument extends Omit<RightsRequest, 'requestId'> {
  _id: string;
  /** partition:offset of the latest event applied, zero-padded: string order is log order. */
  position: string;
}

const toRequest = ({ _id, position: _position, ...rest }: RightsRequestDocument): RightsRequest => ({
  requestId: _id,
  ...rest,
});

/** The DPO's board: rights requests by due date; a later event's state replaces an earlier one. */
export class RightsRequestStore implements RightsRequests {
  private readonly collection: Collection<RightsRequestDocument>;
  private readonly indexed: LazyIndex;

  constructor(db: Db, collectionName: string = COLLECTIONS.rightsRequests) {
    this.collection = db.collection<RightsRequestDocument>(collectionName);
    this.indexed = new LazyIndex(this.collection, { dueAt: 1, _id: 1 });
  }

  async save(requests: Array<{ request: RightsRequest; position: LogPosition }>): Promise<void> {
    if (requests.length === 0) return;
    await this.indexed.ensure();
    await replaceUnlessNewer(
      this.collection,
      requests.map(({ request: { requestId, ...rest }, position }) => ({
        _id: requestId,
        document: { ...rest, position: positionKey(position) },
      })),
    );
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

  async ofSubject(subjectId: string): Promise<RightsRequest[]> {
    const found = await this.collection.find({ subjectId }).sort({ receivedAt: 1 }).limit(10_000).toArray();
    return found.map(toRequest);
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
