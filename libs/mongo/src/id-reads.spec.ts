import type { Collection } from 'mongodb';
import { IdReads } from './id-reads';

interface Doc {
  _id: string;
}

/** A collection that records the queries it is sent; documents exist for ids `a*`. */
function recordingCollection() {
  const sent: string[] = [];
  const exists = (id: string) => id.startsWith('a');
  const collection = {
    find: (filter: { _id: { $in: string[] } }) => {
      sent.push(`in ${filter._id.$in.join(',')}`);
      return { toArray: async () => filter._id.$in.filter(exists).map((_id) => ({ _id })) };
    },
    findOne: async (filter: { _id: string }) => {
      sent.push(`one ${filter._id}`);
      return exists(filter._id) ? { _id: filter._id } : null;
    },
  };
  return { sent, collection: collection as unknown as Collection<Doc> };
}

describe('IdReads', () => {
  it('reads concurrent single ids together, one $in per round trip, each caller its own answer', async () => {
    const { sent, collection } = recordingCollection();
    const reads = new IdReads(collection, 'in');
    const ids = ['a1', 'b2', 'a3', 'a1', 'a4'];
    const answers = await Promise.all(ids.map((id) => reads.findOne(id)));
    expect(answers).toEqual([{ _id: 'a1' }, null, { _id: 'a3' }, { _id: 'a1' }, { _id: 'a4' }]);
    // The first call goes at once; the others, arriving during its round trip, go in the next.
    expect(sent).toEqual(['in a1', 'in b2,a3,a1,a4']);
  });

  it('reads one id at a time where the server would scan for an $in', async () => {
    const { sent, collection } = recordingCollection();
    const reads = new IdReads(collection, 'points');
    expect(await Promise.all(['a1', 'b2'].map((id) => reads.findOne(id)))).toEqual([{ _id: 'a1' }, null]);
    expect(await reads.find(['a3', 'b4'])).toEqual([{ _id: 'a3' }]);
    expect(sent).toEqual(['one a1', 'one b2', 'one a3', 'one b4']);
  });

  it('splits a long list of ids into $in chunks of at most 1,000', async () => {
    const { sent, collection } = recordingCollection();
    const ids = Array.from({ length: 2_500 }, (_, i) => `a${i}`);
    expect(await new IdReads(collection, 'in').find(ids)).toHaveLength(2_500);
    expect(sent.map((query) => query.split(',').length)).toEqual([1000, 1000, 500]);
  });
});
