import { MongoClient } from 'mongodb';
import { dropTestResources, testConfig } from '@ledger/testing';
import { CheckpointStore } from './checkpoint.store';
import { estimatedCount } from './estimated-count';
import { IdentifierIndexStore } from './identifier-index.store';
import { inUsesIdIndex } from './server-capabilities';
import type { SubjectRecord } from '@ledger/domain';
import { AppliedEventStore } from './applied-event.store';
import type { IdempotencyRecord } from '@ledger/domain';
import { MongoIdempotencyStore } from './idempotency.store';
import { RecordingStore } from './recording.store';
import { SubjectHistoryStore } from './subject-history.store';
import { LegacySubjectRecordError, SubjectRecordStore } from './subject-record.store';

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

  it('lists recordings due by a date, a page at a time; an older event never moves a date back', async () => {
    const store = new RecordingStore(client.db(config.mongo.database));
    const due = (callId: string, destroyBy: string, eventId: string) => ({
      subjectId: 's-rec',
      callId,
      recording: 'quality' as const,
      destroyBy,
      eventId,
    });
    const at = (offset: number) => ({ partition: 0, offset: String(offset) });
    await store.schedule(
      Array.from({ length: 5 }, (_, i) => ({
        due: due(`c-${i}`, `2027-0${i + 1}-01T00:00:00.000Z`, `e-${i}`),
        position: at(i),
      })),
    );
    // c-0 re-dated by a later event; then the earlier event replayed: the later date stands.
    await store.schedule([{ due: due('c-0', '2026-12-31T00:00:00.000Z', 'e-late'), position: at(10) }]);
    await store.schedule([{ due: due('c-0', '2027-01-01T00:00:00.000Z', 'e-0'), position: at(0) }]);
    const first = await store.dueBefore('2027-04-15T00:00:00.000Z', 2);
    expect(first.due.map((d) => [d.callId, d.eventId])).toEqual([
      ['c-0', 'e-late'],
      ['c-1', 'e-1'],
    ]);
    const second = await store.dueBefore('2027-04-15T00:00:00.000Z', 2, first.next);
    expect(second.due.map((d) => d.callId)).toEqual(['c-2', 'c-3']);
    expect(second.next).toBeUndefined();
  });

  it('saves, reloads and overwrites subject records in bulk, retained entries included', async () => {
    const store = new SubjectRecordStore(client.db(config.mongo.database));
    const record = (subjectId: string, kind: 'member' | 'prospect'): SubjectRecord => ({
      subjectId,
      kind,
      identifiers: { emails: [`${subjectId}@example.fr`], phones: [] },
      eventCount: 1,
      retained: [
        {
          id: `e-${subjectId}`,
          type: 'ConsentGiven',
          schemaVersion: 1,
          occurredAt: '2026-01-01T00:00:00.000Z',
          recordedAt: '2026-01-01T00:00:01.000Z',
          actor: { type: 'subject' },
          source: { collectionPoint: 'site', method: 'web_form', client: 'site' },
          data: { purpose: 'prospecting', channels: ['email', 'sms'] },
          position: { partition: 1, offset: '42' },
        },
      ],
      updatedAt: '2026-01-02T00:00:00.000Z',
    });
    const a1 = { ...record('a', 'prospect'), appliedOffset: 42 };
    expect(
      await store.saveMany([
        { record: a1, loaded: null },
        { record: record('b', 'member'), loaded: null },
      ]),
    ).toEqual([]);
    const a2 = { ...record('a', 'member'), appliedOffset: 43 };
    expect(await store.saveMany([{ record: a2, loaded: a1 }])).toEqual([]);
    const loaded = await store.loadMany(['a', 'b', 'missing']);
    expect([...loaded.keys()].sort()).toEqual(['a', 'b']);
    expect(loaded.get('a')).toEqual(a2);
    expect(await store.findOne('b')).toEqual(record('b', 'member'));
    expect(await store.findOne('missing')).toBeNull();
    expect((await store.all()).map((r) => r.subjectId)).toEqual(['a', 'b']);
  });

  it('counts a collection from its metadata, and a collection that does not exist as empty', async () => {
    const db = client.db(config.mongo.database);
    const collection = db.collection<{ _id: string }>('counted');
    await collection.insertMany(Array.from({ length: 2_500 }, (_, i) => ({ _id: `c-${i}` })));
    expect(await estimatedCount(collection)).toBe(2_500);
    expect(await estimatedCount(db.collection('never_created'))).toBe(0);
  });

  it('reads records by id in $in chunks where the index serves them, and by point reads alike', async () => {
    const db = client.db(config.mongo.database);
    // A plan of an empty collection tells nothing: undecided, asked again later.
    expect(await inUsesIdIndex(db.collection('by_id_empty'))).toBeUndefined();
    const record = (i: number): SubjectRecord => ({
      subjectId: `r-${i}`,
      kind: 'prospect',
      identifiers: { emails: [], phones: [] },
      eventCount: 1,
      retained: [],
      updatedAt: '2026-01-02T00:00:00.000Z',
      appliedOffset: i,
    });
    await new SubjectRecordStore(db, 'by_id').saveMany(
      Array.from({ length: 2_500 }, (_, i) => ({ record: record(i), loaded: null })),
    );
    // The patched FerretDB (infra/ferretdb/sqlite-id-set-pushdown.patch) serves _id $in from its index.
    expect(await inUsesIdIndex(db.collection('by_id'))).toBe(true);
    const detected = new SubjectRecordStore(db, 'by_id');
    expect(await detected.servesIdSets()).toBe(true);
    const wanted = [...Array.from({ length: 2_200 }, (_, i) => `r-${(i * 7) % 2_500}`), 'missing'];
    const byIn = await detected.loadMany(wanted);
    const byPoints = await new SubjectRecordStore(db, 'by_id', 'points').loadMany(wanted);
    expect(byIn.size).toBe(2_200);
    expect(byIn.get('r-7')).toEqual(record(7));
    expect([...byIn].sort()).toEqual([...byPoints].sort());

    const links = db.collection('by_id_links');
    await links.insertMany([
      { _id: 'email:a@example.fr', subjectId: 'r-1', linkedByEventId: 'e' },
    ] as never[]);
    for (const mode of ['in', 'points'] as const) {
      const owners = await new IdentifierIndexStore(db, 'by_id_links', mode).owners([
        'email:a@example.fr',
        'email:nobody@example.fr',
      ]);
      expect([...owners]).toEqual([['email:a@example.fr', 'r-1']]);
    }
  });

  it('fences writes: a record evolved from an older version, or created twice, changes nothing', async () => {
    const store = new SubjectRecordStore(client.db(config.mongo.database), 'fenced');
    const base = {
      subjectId: 'z',
      kind: 'prospect' as const,
      identifiers: { emails: [], phones: [] },
      retained: [],
      eventCount: 0,
    };
    const v1 = { ...base, updatedAt: '1', appliedOffset: 1 };
    const v5 = { ...base, updatedAt: '5', appliedOffset: 5 };
    const zombie = { ...base, updatedAt: 'zombie', appliedOffset: 3 };
    expect(await store.saveMany([{ record: v1, loaded: null }])).toEqual([]);
    expect(await store.saveMany([{ record: v5, loaded: v1 }])).toEqual([]);
    // A late projector that loaded v1 before the live one wrote v5:
    expect(await store.saveMany([{ record: zombie, loaded: v1 }])).toEqual(['z']);
    // One that believed the record did not exist yet:
    expect(await store.saveMany([{ record: zombie, loaded: null }])).toEqual(['z']);
    expect(await store.findOne('z')).toEqual(v5);
  });

  it('moves a partition mark only from the mark a batch loaded: a replay or a rival changes nothing', async () => {
    const store = new CheckpointStore(client.db(config.mongo.database), 'topic-x');
    expect(await store.moveMark(0, undefined, { appliedOffset: 4, digest: 'd4' })).toBe(true);
    // A second first batch (a rival that loaded no mark either) is refused.
    expect(await store.moveMark(0, undefined, { appliedOffset: 2, digest: 'd2' })).toBe(false);
    expect(
      await store.moveMark(0, { appliedOffset: 4, digest: 'd4' }, { appliedOffset: 9, digest: 'd9' }),
    ).toBe(true);
    // An older batch replayed from the mark it had loaded then: refused, the mark stays.
    expect(
      await store.moveMark(0, { appliedOffset: 4, digest: 'd4' }, { appliedOffset: 6, digest: 'd6' }),
    ).toBe(false);
    expect(await store.moveMark(2, undefined, { appliedOffset: 1 })).toBe(true);
    expect(await store.mark(0)).toEqual({ appliedOffset: 9, digest: 'd9' });
    expect(await store.mark(2)).toEqual({ appliedOffset: 1 });
    expect(await store.appliedOffset(0)).toBe(9);
    expect(await store.appliedOffset(1)).toBeUndefined();
  });

  it('applies one bulk of more update statements than the server has connections, and still answers', async () => {
    // Unpatched FerretDB v1.24.2 held every statement's query open until the command ended: a
    // bulk of more than 100 updates (its SQLite pool) waited forever and wedged the server
    // (infra/ferretdb/update-statement-cursors.patch).
    const collection = client.db(config.mongo.database).collection<{ _id: string; v: number }>('bulk');
    const bulk = (v: number) =>
      collection.bulkWrite(
        Array.from({ length: 300 }, (_, i) => ({
          replaceOne: { filter: { _id: `s${i}` }, replacement: { v: v + i }, upsert: true },
        })),
      );
    await bulk(0);
    await bulk(1);
    expect(await collection.findOne({ _id: 's299' })).toEqual({ _id: 's299', v: 300 });
  }, 20_000);

  it('applies a bulk of updates statement after statement, though the server writes them together', async () => {
    // infra/ferretdb/update-statements-one-transaction.patch holds writes back and reads ahead.
    const collection = client
      .db(config.mongo.database)
      .collection<{ _id: string; v?: number; n?: string; touched?: boolean }>('bulk_order');
    await collection.insertMany([
      { _id: 'a', v: 1 },
      { _id: 'b', v: 1 },
      { _id: 'c', v: 1 },
    ]);
    const result = await collection.bulkWrite(
      [
        { replaceOne: { filter: { _id: 'a', v: 1 }, replacement: { v: 2, n: 'a2' } } },
        // The same document again: it sees the replacement before it.
        { updateOne: { filter: { _id: 'a' }, update: { $inc: { v: 1 } } } },
        // A fence that no longer holds changes nothing.
        { replaceOne: { filter: { _id: 'b', v: 9 }, replacement: { v: 10 } } },
        // A statement not naming one _id sees every write before it, and those after see it.
        { updateMany: { filter: { v: 1 }, update: { $set: { touched: true } } } },
        { updateOne: { filter: { _id: 'c' }, update: { $inc: { v: 5 } } } },
        { updateOne: { filter: { _id: 'd' }, update: { $set: { v: 1 } }, upsert: true } },
        { updateOne: { filter: { _id: 'd' }, update: { $inc: { v: 1 } } } },
      ],
      { ordered: true },
    );
    expect([result.matchedCount, result.modifiedCount, result.upsertedCount]).toEqual([6, 6, 1]);
    expect(await collection.find({}).sort({ _id: 1 }).toArray()).toEqual([
      { _id: 'a', v: 3, n: 'a2' },
      { _id: 'b', v: 1, touched: true },
      { _id: 'c', v: 6, touched: true },
      { _id: 'd', v: 2 },
    ]);
    // Unordered, as the projector saves: each fence counted on its own.
    const fenced = await collection.bulkWrite(
      [
        { replaceOne: { filter: { _id: 'a', v: 3 }, replacement: { v: 4 } } },
        { replaceOne: { filter: { _id: 'b', v: 0 }, replacement: { v: 4 } } },
        { replaceOne: { filter: { _id: 'c', v: 6 }, replacement: { v: 4 } } },
      ],
      { ordered: false },
    );
    expect(fenced.matchedCount).toBe(2);
    expect((await collection.find({ v: 4 }).toArray()).map((d) => d._id).sort()).toEqual(['a', 'c']);
  });

  it('loses no write of concurrent read-modify-write updates and deletes from several connections', async () => {
    // infra/ferretdb/write-commands-one-at-a-time.patch: FerretDB read and wrote in two steps.
    const other = new MongoClient(config.mongo.uri);
    try {
      const [mine, theirs] = [client, other].map((c) =>
        c
          .db(config.mongo.database)
          .collection<{ _id: string; n?: number; top?: number; v?: number }>('concurrent'),
      );
      await Promise.all(
        [mine, theirs].map(async (collection, who) => {
          for (let i = 0; i < 100; i++) {
            await collection.updateOne({ _id: 'counter' }, { $inc: { n: 1 } }, { upsert: true });
            await collection.updateOne({ _id: 'highest' }, { $max: { top: i * 2 + who } }, { upsert: true });
          }
        }),
      );
      expect(await mine.findOne({ _id: 'counter' })).toEqual({ _id: 'counter', n: 200 });
      expect(await mine.findOne({ _id: 'highest' })).toEqual({ _id: 'highest', top: 199 });
      // A delete of the version it read never removes a version written since (the pending marks' sweep).
      let lost = 0;
      for (let i = 0; i < 50; i++) {
        await mine.deleteMany({ _id: 'mark' });
        await mine.insertOne({ _id: 'mark', v: 1 });
        const [, raised] = await Promise.all([
          mine.deleteOne({ _id: 'mark', v: 1 }),
          theirs.updateOne({ _id: 'mark' }, { $inc: { v: 1 } }, { upsert: true }),
        ]);
        const left = await mine.findOne({ _id: 'mark' });
        // Either the raise came first (the delete matches nothing) or the delete did (the raise re-creates it).
        if (raised.matchedCount + raised.upsertedCount !== 1 || left === null) lost++;
      }
      expect(lost).toBe(0);
    } finally {
      await other.close();
    }
  });

  it('claims idempotency keys in groups: each caller learns whether it won, a loser gets the winner', async () => {
    const store = new MongoIdempotencyStore(client.db(config.mongo.database));
    const record = (key: string, eventId: string): IdempotencyRecord => ({
      key,
      requestHash: `hash-${key}`,
      eventId,
      event: '{}',
      createdAt: '2026-01-01T00:00:00.000Z',
    });
    // 300 concurrent claims, two per key: the first of each pair wins, whichever group it lands in.
    const claims = await Promise.all(
      Array.from({ length: 300 }, (_, i) => store.claim(record(`grouped-${i % 150}`, `event-${i}`))),
    );
    claims.forEach((claim, i) =>
      i < 150
        ? expect(claim).toEqual({ claimed: true })
        : expect(claim).toMatchObject({ claimed: false, existing: { eventId: `event-${i - 150}` } }),
    );
    await Promise.all(Array.from({ length: 150 }, (_, i) => store.complete(`grouped-${i}`, `0:${i}`)));
    expect((await store.find('grouped-149'))?.position).toBe('0:149');
    expect(await store.find('grouped-never')).toBeNull();
  });

  it('claims each event id for the first log record that carries it; a replay keeps its claim', async () => {
    const store = new AppliedEventStore(client.db(config.mongo.database), 'claims');
    const at = (offset: string) => ({ partition: 2, offset });
    const claim = (eventId: string, offset: string) => ({ eventId, subjectId: 's', position: at(offset) });
    // One batch with the same event twice (an append retried after an unknown outcome).
    expect(await store.claim([claim('a', '1'), claim('b', '2'), claim('a', '5')])).toEqual(new Set(['2:5']));
    // The batch replayed after a crash: the first records keep their claims.
    expect(await store.claim([claim('a', '1'), claim('b', '2'), claim('a', '5')])).toEqual(new Set(['2:5']));
    // A later record of an event applied long ago is still a duplicate.
    expect(await store.claim([claim('c', '9'), claim('b', '12')])).toEqual(new Set(['2:12']));
    expect(await store.positionOf('a')).toEqual(at('1'));
    expect(await store.positionOf('nope')).toBeUndefined();
  });

  it('keeps a history in point-readable slots, each written once whatever the replays', async () => {
    const store = new SubjectHistoryStore(client.db(config.mongo.database), 'history');
    const entry = (seq: number) => ({
      id: `h-${seq}`,
      type: 'ConsentGiven',
      schemaVersion: 1,
      occurredAt: '2026-01-01T00:00:00.000Z',
      recordedAt: '2026-01-01T00:00:00.000Z',
      actor: { type: 'subject' as const },
      source: { collectionPoint: 'site', method: 'web_form' as const, client: 'site' },
      data: { purpose: 'prospecting', channels: ['email'] },
      position: { partition: 0, offset: String(seq) },
      seq,
    });
    const entries = Array.from({ length: 250 }, (_, seq) => ({ subjectId: 'h', entry: entry(seq) }));
    await store.append(entries.slice(0, 120));
    await store.append(entries.slice(100, 250)); // overlaps: a replayed batch
    const read = await store.read('h', 250);
    expect(read.map((e) => e.id)).toEqual(entries.map(({ entry: e }) => e.id));
    await expect(store.read('h', 251)).rejects.toThrow(/missing entry 250/);
    expect((await store.read('h', 120, 100)).map((e) => e.seq)).toEqual(
      entries.slice(100, 120).map((e) => e.entry.seq),
    );
    expect(await client.db(config.mongo.database).collection('history').countDocuments()).toBe(250);
  });

  it('refuses a subject document in the unbounded shape of earlier versions, saying to rebuild', async () => {
    const db = client.db(config.mongo.database);
    await db.collection<{ _id: string }>('legacy').insertOne({ _id: 'old', history: [] } as never);
    await expect(new SubjectRecordStore(db, 'legacy').findOne('old')).rejects.toThrow(
      LegacySubjectRecordError,
    );
    await expect(new SubjectRecordStore(db, 'legacy').findOne('old')).rejects.toThrow(/npm run rebuild/);
  });
});
