import { consumedEvent } from '@ledger/testing';
import { IdentifierHasher } from '@ledger/contracts';
import { giveConsent, withdrawConsent, type LedgerEvent, type SubjectRecord } from '@ledger/domain';
import { FencedWriteError, type ConsumedEvent } from '@ledger/kafka';
import {
  createMongoConnection,
  MongoErasure,
  openReadModels,
  SubjectHistoryStore,
  SubjectRecordStore,
  type MongoConnection,
} from '@ledger/mongo';
import { dropTestResources, testConfig } from '../../../../test/support/test-ledger';
import { LedgerProjection } from './ledger-projection';

const config = testConfig('fencing');

const base = (minute: number) => ({
  subjectId: 'fenced-1',
  actor: { type: 'subject' as const },
  source: { collectionPoint: 'test', method: 'web_form' as const, client: 'test' },
  occurredAt: new Date(Date.UTC(2026, 0, 1, 0, minute)).toISOString(),
});
const ctx = (n: number) => ({ eventId: `fence-${n}`, now: new Date(Date.UTC(2026, 0, 1, 1)).toISOString() });
const consumed = (event: LedgerEvent, offset: number): ConsumedEvent =>
  consumedEvent(event, { partition: 0, offset: String(offset) });

/** A real store that stops after loading, until released: a projector frozen mid-batch. */
class FrozenAfterLoad extends SubjectRecordStore {
  readonly loaded: Promise<void>;
  readonly release: () => void;
  private readonly gate: Promise<void>;
  private readonly onLoaded: () => void;

  constructor(db: MongoConnection['db']) {
    super(db);
    let onLoaded!: () => void;
    let release!: () => void;
    this.loaded = new Promise<void>((resolve) => (onLoaded = resolve));
    this.gate = new Promise<void>((resolve) => (release = resolve));
    this.onLoaded = onLoaded;
    this.release = release;
  }

  override async loadMany(ids: string[]): Promise<Map<string, SubjectRecord>> {
    const records = await super.loadMany(ids);
    this.onLoaded();
    await this.gate;
    return records;
  }
}

describe('fenced projection on the real Mongo-wire server', () => {
  let mongo: MongoConnection;
  const noDeadLetters = { publish: async () => undefined };

  beforeAll(() => {
    mongo = createMongoConnection(config.mongo);
  });
  afterAll(async () => {
    await mongo.client.close();
    await dropTestResources(config);
  });

  const projection = (subjects: SubjectRecordStore) =>
    new LedgerProjection(
      { ...openReadModels(mongo.db, config.kafka.eventsTopic, ''), subjects },
      noDeadLetters,
      new MongoErasure(mongo.db, ''),
      new IdentifierHasher(Buffer.alloc(32, 3)),
    );

  it('a projector that loaded a record before another one moved it on changes nothing', async () => {
    const consent = giveConsent({ ...base(1), purpose: 'prospecting', channels: ['email'] }, ctx(1));
    const withdrawal = withdrawConsent({ ...base(2), purpose: 'prospecting', channels: ['email'] }, ctx(2));
    const live = projection(new SubjectRecordStore(mongo.db));
    await live.handleBatch([consumed(consent, 0)], []);

    // The zombie loads the record as of offset 0, then freezes (evicted from the group meanwhile).
    const frozenStore = new FrozenAfterLoad(mongo.db);
    const zombie = projection(frozenStore);
    const late = zombie.handleBatch([consumed(consent, 0), consumed(withdrawal, 1)], []);
    await frozenStore.loaded;

    // The partition's new owner applies the withdrawal, and more.
    const again = giveConsent({ ...base(3), purpose: 'prospecting', channels: ['sms'] }, ctx(3));
    await live.handleBatch([consumed(withdrawal, 1), consumed(again, 2)], []);
    const current = await new SubjectRecordStore(mongo.db).findOne('fenced-1');
    expect(current?.appliedOffset).toBe(2);

    // Thawed, the zombie finishes its batch: refused, and the record is the live one's.
    frozenStore.release();
    await expect(late).rejects.toBeInstanceOf(FencedWriteError);
    expect(await new SubjectRecordStore(mongo.db).findOne('fenced-1')).toEqual(current);
    const history = await new SubjectHistoryStore(mongo.db).read('fenced-1', current!.eventCount);
    expect(history.map((entry) => entry.id)).toEqual(['fence-1', 'fence-2', 'fence-3']);
  });
});
