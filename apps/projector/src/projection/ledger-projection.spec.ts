import {
  decide,
  DEFAULT_POLICY,
  eraseSubject,
  identifierKeys,
  registerOpposition,
  standingOppositions,
  giveConsent,
  recordCallStart,
  recordPartnerTransfer,
  recordRecordingObjection,
  registerSubject,
  withdrawConsent,
  type LedgerEvent,
  type SubjectIdentifiers,
} from '@ledger/domain';
import { FencedWriteError, type ConsumedEvent, type UndecodableRecord } from '@ledger/kafka';
import { createHash } from 'node:crypto';
import { consumedEvent, InMemoryReadModels } from '@ledger/testing';
import {
  CHAIN_GENESIS,
  entryDigest,
  foldPartitionDigest,
  IdentifierHasher,
  LogReplay,
} from '@ledger/contracts';
import { LedgerProjection } from './ledger-projection';

const hasher = new IdentifierHasher(Buffer.alloc(32, 3));

let n = 0;
const at = (minute: number) => new Date(Date.UTC(2026, 0, 1, 0, minute)).toISOString();
const provenance = (subjectId: string) => ({
  subjectId,
  actor: { type: 'subject' as const },
  source: { collectionPoint: 'test', method: 'web_form' as const, client: 'test' },
  occurredAt: at(n),
});
const ctx = () => ({ eventId: `e-${++n}`, now: at(n) });
const registration = (subjectId: string, emails: string[] = []) =>
  registerSubject(
    {
      ...provenance(subjectId),
      kind: 'prospect',
      identifiers: { emails, phones: [] } as SubjectIdentifiers,
      identifierKeys: hasher.hashAll({ emails, phones: [] }),
    },
    ctx(),
  );
const consent = (subjectId: string) =>
  giveConsent({ ...provenance(subjectId), purpose: 'prospecting', channels: ['email'] }, ctx());
const withdrawal = (subjectId: string) =>
  withdrawConsent({ ...provenance(subjectId), purpose: 'prospecting', channels: ['email'] }, ctx());

/** Events as the consumer hands them over: each at the next offset of partition 0. */
function batch(events: LedgerEvent[], firstOffset = 0): ConsumedEvent[] {
  return events.map((event, i) =>
    consumedEvent(
      event,
      { partition: 0, offset: String(firstOffset + i) },
      { key: null, value: Buffer.from('{}'), headers: {} },
    ),
  );
}

function setUp() {
  const models = new InMemoryReadModels();
  const deadLetters: UndecodableRecord[] = [];
  const erased: string[] = [];
  const projection = new LedgerProjection(
    models,
    { publish: async (records) => void deadLetters.push(...records) },
    { erase: async (subjectId) => void erased.push(subjectId) },
    hasher,
  );
  return { models, deadLetters, projection, erased };
}

describe('LedgerProjection: given events, the read models', () => {
  it('a registration then a consent and a withdrawal: one subject document, three history slots, a checkpoint', async () => {
    const { models, projection } = setUp();
    const events = [registration('s-1', ['a@b.fr']), consent('s-1'), withdrawal('s-1')];
    await projection.handleBatch(batch(events), []);

    expect(models.records.get('s-1')).toMatchObject({
      subjectId: 's-1',
      kind: 'prospect',
      identifiers: { emails: ['a@b.fr'], phones: [] },
      eventCount: 3,
      appliedOffset: 2,
      retained: events.map((e) => expect.objectContaining({ id: e.id, type: e.type })),
    });
    expect(await models.history.read('s-1', 3)).toEqual(
      events.map((e, seq) =>
        expect.objectContaining({ id: e.id, seq, position: { partition: 0, offset: String(seq) } }),
      ),
    );
    expect(models.links.get(hasher.key('email', 'a@b.fr'))?.subjectId).toBe('s-1');
    expect(models.offsets).toEqual(new Map([[0, 2]]));
  });

  it('links each subject event to the previous one (hash chain) and folds every record into the partition digest', async () => {
    const { models, projection } = setUp();
    const events = [registration('s-1'), registration('s-2'), consent('s-1'), withdrawal('s-1')];
    const consumed = batch(events);
    await projection.handleBatch(consumed.slice(0, 2), []);
    await projection.handleBatch(consumed.slice(2), []);

    const history = await models.history.read('s-1', 3);
    const digests = [0, 2, 3].map((i) => consumed[i].digest);
    let previous = CHAIN_GENESIS;
    history.forEach((entry, seq) => {
      const expected = createHash('sha256').update(`${previous}\n${digests[seq]}`).digest('hex');
      expect(entry.chain).toEqual({ previous, hash: expected });
      previous = expected;
    });
    expect(models.records.get('s-1')?.chainHead).toBe(previous);
    expect(models.records.get('s-1')?.retained.map((e) => e.chain)).toEqual(history.map((e) => e.chain));
    // Another subject's chain is its own.
    expect((await models.history.read('s-2', 1))[0].chain?.previous).toBe(CHAIN_GENESIS);
    // The partition digest covers every record in offset order, whatever the batching.
    const folded = consumed.reduce<string | undefined>(
      (digest, { position, digest: d }) => foldPartitionDigest(digest, position.offset, d),
      undefined,
    );
    expect(models.marks.get(0)).toEqual({ appliedOffset: 3, digest: folded });
    // A redelivered batch changes neither.
    await projection.handleBatch(consumed.slice(1), []);
    expect(models.marks.get(0)).toEqual({ appliedOffset: 3, digest: folded });
    expect(models.records.get('s-1')?.chainHead).toBe(previous);
  });

  it('`ledger verify` replays the log to the same chains, entries and digest, refusals and duplicates included', async () => {
    const { models, projection } = setUp();
    const given = consent('s-1');
    const events = [
      registration('s-1'),
      given,
      given, // a retried append
      registration('s-2'),
      eraseSubject({ ...provenance('s-2'), suppression: { identifierKeys: [], oppositions: [] } }, ctx()),
      consent('s-2'), // about an erased person: refused
      withdrawal('s-1'),
    ];
    const consumed = batch(events);
    await projection.handleBatch(consumed.slice(0, 4), []);
    await projection.handleBatch(consumed.slice(4), []);

    const replay = new LogReplay();
    replay.want(0, [6]);
    for (const { event, position, digest } of consumed) replay.apply({ event, position, digest });
    replay.finish(0, 6);
    for (const subjectId of ['s-1', 's-2']) {
      const record = models.records.get(subjectId)!;
      const trace = replay.subjects.get(subjectId)!;
      expect(trace).toMatchObject({ count: record.eventCount, head: record.chainHead });
      const history = await models.history.read(subjectId, record.eventCount);
      expect(history.map(entryDigest)).toEqual(trace.entries);
    }
    expect(replay.rejected).toEqual([
      { position: consumed[5].position, reason: expect.stringContaining('was erased') },
    ]);
    expect(replay.digestAt.get('0:6')).toBe(models.marks.get(0)?.digest);
  });

  it('a batch redelivered after a crash changes nothing', async () => {
    const { models, projection } = setUp();
    const events = batch([registration('s-1'), consent('s-1')]);
    await projection.handleBatch(events, []);
    const before = structuredClone(models.records.get('s-1'));
    await projection.handleBatch(events, []);
    expect(models.records.get('s-1')).toEqual(before);
    expect(models.slots.size).toBe(2);
  });

  it('the same event appended twice (a retried append) is applied once', async () => {
    const { models, projection } = setUp();
    const given = consent('s-1');
    await projection.handleBatch(batch([registration('s-1'), given, given]), []);
    expect(models.records.get('s-1')?.eventCount).toBe(2);
    expect(models.records.get('s-1')?.retained.filter((e) => e.id === given.id)).toHaveLength(1);
  });

  it('an identifier already linked stays with its first owner; the later subject is recorded without it', async () => {
    const { models, projection } = setUp();
    await projection.handleBatch(
      batch([registration('first', ['x@y.fr']), registration('second', ['x@y.fr'])]),
      [],
    );
    expect(models.links.get(hasher.key('email', 'x@y.fr'))?.subjectId).toBe('first');
    expect(models.records.get('second')?.identifiers.emails).toEqual([]);
  });

  it('a re-registration that no longer lists an email frees it', async () => {
    const { models, projection } = setUp();
    await projection.handleBatch(
      batch([registration('s-1', ['old@y.fr']), registration('s-1', ['new@y.fr'])]),
      [],
    );
    expect([...models.links.keys()]).toEqual([hasher.key('email', 'new@y.fr')]);
  });

  it('an undecodable record is dead-lettered and the checkpoint passes it: consumption goes on', async () => {
    const { models, deadLetters, projection } = setUp();
    const poison: UndecodableRecord = {
      key: null,
      value: Buffer.from('not json'),
      headers: {},
      position: { partition: 0, offset: '1' },
      reason: 'value is not JSON',
    };
    await projection.handleBatch(batch([registration('s-1')]), [poison]);
    await projection.handleBatch(batch([consent('s-1')], 2), []);
    expect(deadLetters).toEqual([poison]);
    expect(models.offsets.get(0)).toBe(2);
    expect(models.records.get('s-1')?.eventCount).toBe(2);
  });

  it('a call start schedules its recordings, an objection re-dates one, a replay moves nothing back', async () => {
    const { models, projection } = setUp();
    const start = recordCallStart(
      {
        ...provenance('s-1'),
        callId: 'c-1',
        kind: 'canvassing',
        recordings: [
          {
            recording: 'quality',
            destroyBy: '2027-06-01T00:00:00.000Z',
            analysisGridDestroyBy: '2027-12-01T00:00:00.000Z',
          },
          { recording: 'canvassing', destroyBy: '2028-12-01T00:00:00.000Z' },
        ],
      },
      ctx(),
    );
    const objection = recordRecordingObjection(
      { ...provenance('s-1'), callId: 'c-1', recording: 'canvassing', destroyBy: '2026-12-01T00:10:00.000Z' },
      ctx(),
    );
    const events = batch([registration('s-1'), start, objection]);
    await projection.handleBatch(events, []);
    await projection.handleBatch(events.slice(1, 2), []); // the start alone, replayed late
    const due = (await models.recordings.dueBefore('2030-01-01T00:00:00.000Z', 10)).due;
    expect(due.map((d) => [d.recording, d.destroyBy, d.eventId])).toEqual([
      ['quality', '2027-06-01T00:00:00.000Z', start.id],
      ['canvassing', '2026-12-01T00:10:00.000Z', objection.id],
    ]);
    // The objection is an opposition to canvassing recording by phone.
    expect(models.records.get('s-1')?.retained.map((e) => e.type)).toContain('RecordingObjected');
  });

  it('a partner transfer goes to the manifests, not to a subject', async () => {
    const { models, projection } = setUp();
    const transfer = recordPartnerTransfer(
      {
        ...provenance('transfer:t-1'),
        transfer: {
          transferId: 't-1',
          partner: 'mg-services',
          channel: 'email',
          policy: { id: 'p', version: '1' },
          decidedAt: at(0),
          counts: { requested: 1, sent: 0, refused: { consent_missing: 1 } },
          listHash: 'e3b0',
          sent: [],
        },
      },
      ctx(),
    );
    await projection.handleBatch(batch([transfer]), []);
    expect(models.manifests.get('t-1')).toMatchObject({
      eventId: transfer.id,
      recordedBy: 'test',
      partner: 'mg-services',
    });
    expect(models.records.size).toBe(0);
  });

  it('a save fenced off by the partition’s new owner throws, publishes no dead letter and moves no checkpoint', async () => {
    const { models, deadLetters, projection } = setUp();
    models.refuseSaves = true;
    const poison: UndecodableRecord = {
      key: null,
      value: null,
      headers: {},
      position: { partition: 0, offset: '1' },
      reason: 'x',
    };
    await expect(projection.handleBatch(batch([registration('s-1')]), [poison])).rejects.toBeInstanceOf(
      FencedWriteError,
    );
    expect(deadLetters).toEqual([]);
    expect(models.offsets.size).toBe(0);
  });

  describe('erasure', () => {
    const opposition = (subjectId: string) =>
      registerOpposition({ ...provenance(subjectId), purpose: 'prospecting', channels: ['phone'] }, ctx());
    const erasureOf = (subjectId: string, records: InMemoryReadModels) => {
      const record = records.records.get(subjectId)!;
      return eraseSubject(
        {
          ...provenance(subjectId),
          suppression: {
            identifierKeys: identifierKeys(record.identifierKeys!),
            oppositions: standingOppositions(record.retained),
          },
        },
        ctx(),
      );
    };
    const ask = (record: unknown, channel: string) =>
      decide(DEFAULT_POLICY, (record ?? null) as never, {
        purpose: 'prospecting',
        channel: channel as 'phone',
        at: '2027-01-01T00:00:00.000Z',
      });

    it('leaves a tombstone, frees the identifiers, keeps the oppositions on the suppression list, destroys the key', async () => {
      const { models, projection, erased } = setUp();
      await projection.handleBatch(batch([registration('gone', ['p@x.fr']), opposition('gone')]), []);
      const erasure = erasureOf('gone', models);
      await projection.handleBatch(batch([erasure], 2), []);

      const record = models.records.get('gone')!;
      expect(record).toMatchObject({ erasedAt: erasure.recordedAt, kind: null, eventCount: 3 });
      expect(record.identifiers).toEqual({ emails: [], phones: [] });
      expect(record.retained.map((entry) => entry.type)).toEqual(['SubjectErased']);
      expect(models.links.size).toBe(0);
      expect(models.suppressed).toEqual([
        {
          key: hasher.key('email', 'p@x.fr'),
          erasedEventId: erasure.id,
          oppositions: [{ purpose: 'prospecting', channels: ['phone'] }],
        },
      ]);
      expect(erased).toEqual(['gone']);
      expect(ask(record, 'phone')).toMatchObject({ allowed: false, reason: 'subject_erased' });
    });

    it('a crash before the key was destroyed: the batch redelivered destroys it', async () => {
      const models = new InMemoryReadModels();
      const destroyed: string[] = [];
      let crash = true;
      const projection = new LedgerProjection(
        models,
        { publish: async () => undefined },
        {
          erase: async (subjectId) => {
            if (crash) throw new Error('killed before the key was destroyed');
            destroyed.push(subjectId);
          },
        },
        hasher,
      );
      await projection.handleBatch(batch([registration('gone', ['p@x.fr'])]), []);
      const erasure = batch([erasureOf('gone', models)], 1);
      await expect(projection.handleBatch(erasure, [])).rejects.toThrow('killed');
      crash = false;
      await projection.handleBatch(erasure, []);
      expect(destroyed).toEqual(['gone']);
      expect(models.records.get('gone')?.eventCount).toBe(2);
    });

    it('an event about an erased person afterwards is dead-lettered, never applied', async () => {
      const { models, projection, deadLetters } = setUp();
      await projection.handleBatch(batch([registration('gone', ['p@x.fr'])]), []);
      await projection.handleBatch(batch([erasureOf('gone', models), consent('gone')], 1), []);
      expect(deadLetters.map((d) => d.reason)).toEqual([expect.stringContaining('was erased')]);
      expect(models.records.get('gone')?.eventCount).toBe(2);
    });

    it('the same email registered again under a new subject brings the oppositions back', async () => {
      const { models, projection } = setUp();
      await projection.handleBatch(batch([registration('gone', ['p@x.fr']), opposition('gone')]), []);
      await projection.handleBatch(batch([erasureOf('gone', models)], 2), []);
      await projection.handleBatch(batch([registration('again', ['p@x.fr'])], 3), []);

      const again = models.records.get('again')!;
      expect(models.links.get(hasher.key('email', 'p@x.fr'))?.subjectId).toBe('again');
      expect(ask(again, 'phone')).toMatchObject({ allowed: false, reason: 'opposed' });
      // Only what was opposed: email prospecting still asks for the new person's consent.
      expect(ask(again, 'email')).toMatchObject({ allowed: false, reason: 'consent_missing' });
    });

    it('a registration recorded before identifiers were hashed is indexed by their hashes', async () => {
      const { models, projection } = setUp();
      const legacy = registration('old', ['legacy@x.fr']);
      delete (legacy.data as { identifierKeys?: unknown }).identifierKeys;
      await projection.handleBatch(batch([legacy]), []);
      expect([...models.links.keys()]).toEqual([hasher.key('email', 'legacy@x.fr')]);
    });
  });
});
