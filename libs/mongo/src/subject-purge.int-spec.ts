import { MongoClient } from 'mongodb';
import { dropTestResources, testConfig } from '@ledger/testing';
import { readModelNames } from './collections';
import { MongoDataKeyStore } from './data-key.store';
import { MongoIdempotencyStore } from './idempotency.store';
import { ReadModelGenerationStore } from './read-model-generation.store';
import { MongoErasure } from './subject-purge';

const config = testConfig('mongo_purge');

describe('what an erasure does beyond the log, on the real Mongo-wire server', () => {
  let client: MongoClient;
  beforeAll(() => {
    client = new MongoClient(config.mongo.uri);
  });
  afterAll(async () => {
    await client.close();
    await dropTestResources(config);
  });

  it('destroys the key, forgets idempotency records, purges kept generations but not the live or the projecting one', async () => {
    const db = client.db(config.mongo.database);
    const keys = new MongoDataKeyStore(db);
    await keys.create('gone', 'd3JhcHBlZA==', '2026-01-01T00:00:00.000Z');
    await keys.create('kept', 'd3JhcHBlZA==', '2026-01-01T00:00:00.000Z');
    const idempotency = new MongoIdempotencyStore(db);
    for (const [key, subjectId] of [
      ['k1', 'gone'],
      ['k2', 'kept'],
    ]) {
      await idempotency.claim({
        key,
        requestHash: 'h',
        eventId: key,
        subjectId,
        event: '{}',
        createdAt: '2026-01-01T00:00:00.000Z',
      });
    }
    // Three generations: '' (old, kept after a rebuild), 'g1' (live), 'g2' (being rebuilt).
    for (const generation of ['', 'g1', 'g2']) {
      const names = readModelNames(generation);
      await db.collection<{ _id: string }>(names.subjects).insertMany([{ _id: 'gone' }, { _id: 'kept' }]);
      await db.collection(names.subjectHistory).insertOne({ _id: 'gone#0' as never, subjectId: 'gone' });
      await db.collection(names.identifiers).insertOne({ _id: 'email:h' as never, subjectId: 'gone' });
    }
    await new ReadModelGenerationStore(db).switchTo('g1', '2026-01-01T00:00:00.000Z');

    await new MongoErasure(db, 'g2').erase('gone', '2026-02-01T00:00:00.000Z');

    expect(await keys.find('gone')).toEqual({ subjectId: 'gone', destroyedAt: '2026-02-01T00:00:00.000Z' });
    expect(await keys.find('kept')).toHaveProperty('wrapped');
    expect(await idempotency.find('k1')).toBeNull();
    expect(await idempotency.find('k2')).not.toBeNull();
    const left = async (generation: string) => {
      const names = readModelNames(generation);
      return {
        subjects: (await db.collection(names.subjects).find({}).toArray()).map((d) => d._id),
        history: await db.collection(names.subjectHistory).countDocuments({}),
        identifiers: await db.collection(names.identifiers).countDocuments({}),
      };
    };
    expect(await left('')).toEqual({ subjects: ['kept'], history: 0, identifiers: 0 });
    // The live generation and the one projecting are their projectors' to change.
    expect(await left('g1')).toEqual({ subjects: ['gone', 'kept'], history: 1, identifiers: 1 });
    expect(await left('g2')).toEqual({ subjects: ['gone', 'kept'], history: 1, identifiers: 1 });
    // A key destroyed stays destroyed: a later create does not bring the person back.
    expect(await keys.create('gone', 'bmV3', '2026-03-01T00:00:00.000Z')).toEqual({
      subjectId: 'gone',
      destroyedAt: '2026-02-01T00:00:00.000Z',
    });
  });
});
