import { MongoClient } from 'mongodb';
import { dropTestResources, testConfig } from '../../../test/support/test-ledger';
import { CheckpointStore } from './checkpoint.store';
import { SubjectSummaryStore } from './subject-summary.store';

const config = testConfig('mongo_stores');

describe('read-model stores on the real Mongo-wire server', () => {
  let client: MongoClient;

  beforeAll(() => {
    client = new MongoClient(config.mongo.uri);
  });

  afterAll(async () => {
    await client.close();
    await dropTestResources(config);
  });

  it('saves, reloads and overwrites subject summaries in bulk', async () => {
    const store = new SubjectSummaryStore(client.db(config.mongo.database));
    const summary = (subjectId: string, kind: 'member' | 'prospect') => ({
      subjectId,
      kind,
      registeredAt: '2026-01-01T00:00:00.000Z',
      updatedAt: '2026-01-02T00:00:00.000Z',
      lastEventId: `e-${subjectId}-${kind}`,
    });
    await store.saveMany([summary('a', 'prospect'), summary('b', 'member')]);
    await store.saveMany([summary('a', 'member')]);
    const loaded = await store.loadMany(['a', 'b', 'missing']);
    expect([...loaded.keys()].sort()).toEqual(['a', 'b']);
    expect(loaded.get('a')).toEqual(summary('a', 'member'));
    expect(await store.findOne('b')).toEqual(summary('b', 'member'));
    expect(await store.findOne('missing')).toBeNull();
  });

  it('keeps checkpoints monotonic per partition when an older batch is replayed', async () => {
    const store = new CheckpointStore(client.db(config.mongo.database), 'topic-x');
    await store.advance([
      { partition: 0, offset: '4' },
      { partition: 0, offset: '9' },
      { partition: 2, offset: '1' },
    ]);
    await store.advance([{ partition: 0, offset: '3' }]);
    expect(await store.appliedOffset(0)).toBe(9);
    expect(await store.appliedOffset(2)).toBe(1);
    expect(await store.appliedOffset(1)).toBeUndefined();
  });
});
