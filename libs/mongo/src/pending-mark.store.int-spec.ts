import { MongoClient } from 'mongodb';
import { dropTestResources, testConfig } from '@ledger/testing';
import { PendingMarkStore } from './pending-mark.store';

const config = testConfig('pending_marks');

describe('pending marks on the real Mongo-wire server', () => {
  let client: MongoClient;

  beforeAll(() => {
    client = new MongoClient(config.mongo.uri);
  });

  afterAll(async () => {
    await client.close();
    await dropTestResources(config);
  });

  it('keeps the highest offset per key and partition, from writers together or one by one', async () => {
    const marks = new PendingMarkStore(client.db(config.mongo.database), 'marks_raise');
    await Promise.all([
      marks.leave([{ key: 's:a', partition: 0, offset: 5 }]),
      marks.leave([
        { key: 's:a', partition: 0, offset: 3 },
        { key: 'i:email:h', partition: 0, offset: 5 },
      ]),
      marks.leave([{ key: 'i:email:h', partition: 2, offset: 9 }]),
    ]);
    await marks.leave([{ key: 's:a', partition: 0, offset: 4 }]);
    const found = await marks.find(['s:a', 'i:email:h', 's:never']);
    expect(found).toEqual(
      new Map([
        ['s:a', new Map([[0, 5]])],
        [
          'i:email:h',
          new Map([
            [0, 5],
            [2, 9],
          ]),
        ],
      ]),
    );
  });

  it('never loses a mark raised while another process clears the version before it', async () => {
    // What an API and the projector's sweep do at once; on a server whose updates read and write
    // in two steps, the raise could land on a document deleted meanwhile (and vanish).
    const other = new MongoClient(config.mongo.uri);
    try {
      const api = new PendingMarkStore(client.db(config.mongo.database), 'marks_race');
      const sweeper = new PendingMarkStore(other.db(config.mongo.database), 'marks_race');
      let acknowledged = -1;
      let sweeping = true;
      const sweeps = (async () => {
        while (sweeping) await sweeper.clearPassed(new Map([[0, acknowledged]]));
      })();
      const lost: number[] = [];
      for (let offset = 0; offset < 150; offset++) {
        await api.leave([{ key: 's:raced', partition: 0, offset }]);
        // No sweep can pass it yet: what they clear is at most the mark acknowledged before it.
        const found = (await api.find(['s:raced'])).get('s:raced')?.get(0);
        if (found === undefined || found < offset) lost.push(offset);
        acknowledged = offset;
      }
      sweeping = false;
      await sweeps;
      expect(lost).toEqual([]);
    } finally {
      await other.close();
    }
  });

  it('clears only marks every partition of which is applied; a mark left again afterwards is found', async () => {
    const marks = new PendingMarkStore(client.db(config.mongo.database), 'marks_clear');
    await marks.leave([
      { key: 's:passed', partition: 0, offset: 5 },
      { key: 's:ahead', partition: 0, offset: 9 },
      { key: 'i:both', partition: 0, offset: 1 },
      { key: 'i:both', partition: 1, offset: 3 },
    ]);
    expect(
      await marks.clearPassed(
        new Map([
          [0, 6],
          [1, 2],
        ]),
      ),
    ).toBe(1);
    expect([...(await marks.find(['s:passed', 's:ahead', 'i:both'])).keys()].sort()).toEqual([
      'i:both',
      's:ahead',
    ]);
    await marks.leave([{ key: 's:passed', partition: 0, offset: 12 }]);
    expect(await marks.find(['s:passed'])).toEqual(new Map([['s:passed', new Map([[0, 12]])]]));
    const scanned = [];
    for await (const mark of marks.scan()) scanned.push(mark.key);
    expect(scanned.sort()).toEqual(['i:both', 's:ahead', 's:passed']);
  });
});
