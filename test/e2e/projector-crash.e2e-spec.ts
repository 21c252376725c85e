import { eventSignerOf } from '@ledger/contracts';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { LedgerConfig } from '@ledger/config';
import {
  giveConsent,
  registerOpposition,
  registerSubject,
  withdrawConsent,
  type LedgerEvent,
} from '@ledger/domain';
import { createKafka, ensureEventsTopic, KafkaEventLog } from '@ledger/kafka';
import {
  CheckpointStore,
  createMongoConnection,
  IdentifierIndexStore,
  readModelNames,
  SubjectRecordStore,
  type MongoConnection,
} from '@ledger/mongo';
import { rebuildReadModels } from '../../apps/projector/src/rebuild/rebuild-read-models';
import { dropTestResources, eventually, testConfig, testEnv } from '../support/test-ledger';

const PROJECTOR_MAIN = join(__dirname, '..', '..', 'dist', 'apps', 'projector', 'src', 'main.js');
const SUBJECTS = 400;

/** A varied log: registrations with identifiers, consents, withdrawals, oppositions. */
function eventsFor(i: number): LedgerEvent[] {
  const subjectId = `crash-${i}`;
  const at = (minute: number) => new Date(Date.UTC(2026, 0, 1, 0, minute)).toISOString();
  const base = (minute: number) => ({
    subjectId,
    actor: { type: 'subject' as const },
    source: { collectionPoint: 'test', method: 'import' as const, client: 'test' },
    occurredAt: at(minute),
  });
  const ctx = (n: number) => ({ eventId: `0000${i}-${n}`, now: at(100) });
  return [
    registerSubject(
      {
        ...base(1),
        kind: i % 3 === 0 ? 'member' : 'prospect',
        identifiers: { emails: [`c${i}@example.fr`], phones: [] },
      },
      ctx(1),
    ),
    giveConsent({ ...base(2), purpose: 'prospecting', channels: ['email', 'sms'] }, ctx(2)),
    withdrawConsent(
      { ...base(3), purpose: 'prospecting', channels: i % 2 === 0 ? ['sms'] : ['email'] },
      ctx(3),
    ),
    registerOpposition({ ...base(4), purpose: 'profiling', channels: ['email'] }, ctx(4)),
    giveConsent(
      { ...base(5), purpose: 'partner_transfer', channels: ['email'], partner: 'mg-services' },
      ctx(5),
    ),
  ];
}

describe('a projector killed between batches', () => {
  let config: LedgerConfig;
  let mongo: MongoConnection;
  let projector: ChildProcess | undefined;

  const startProjectorProcess = () => {
    if (!existsSync(PROJECTOR_MAIN)) throw new Error(`${PROJECTOR_MAIN} is missing: run npm run build first`);
    return spawn(process.execPath, [PROJECTOR_MAIN], {
      env: { ...process.env, ...testEnv('crash') },
      stdio: 'ignore',
    });
  };
  const appliedCount = async (generation = '') => {
    const checkpoints = new CheckpointStore(
      mongo.db,
      config.kafka.eventsTopic,
      readModelNames(generation).checkpoints,
    );
    return [...(await checkpoints.appliedOffsets()).values()].reduce((sum, offset) => sum + offset + 1, 0);
  };

  beforeAll(async () => {
    config = testConfig('crash');
    mongo = createMongoConnection(config.mongo);
    const kafka = createKafka(config.kafka);
    await ensureEventsTopic(kafka, { topic: config.kafka.eventsTopic, partitions: 3 });
    const log = new KafkaEventLog(kafka, config.kafka.eventsTopic);
    await log.connect();
    // Signed with the ledger's key, as the API would: the projector projects nothing else.
    const signer = eventSignerOf(config);
    for (let i = 0; i < SUBJECTS; i++) for (const event of eventsFor(i)) await log.append(signer.sign(event));
    // A duplicate, as a producer retry could leave: applied once all the same.
    await log.append(signer.sign(eventsFor(7)[1]));
    await log.disconnect();
  });

  afterAll(async () => {
    projector?.kill('SIGKILL');
    await mongo.client.close();
    await dropTestResources(config);
  });

  it('restarts to the same read models as a rebuild from offset 0', async () => {
    const total = SUBJECTS * 5 + 1;
    projector = startProjectorProcess();
    const atKill = await eventually(
      async () => {
        const applied = await appliedCount();
        return applied > 0 ? applied : undefined;
      },
      60_000,
      5,
    );
    projector.kill('SIGKILL');
    await new Promise((resolve) => projector!.once('exit', resolve));
    expect(atKill).toBeLessThan(total);

    projector = startProjectorProcess();
    await eventually(async () => ((await appliedCount()) === total ? true : undefined), 120_000, 100);
    projector.kill('SIGTERM');
    await new Promise((resolve) => projector!.once('exit', resolve));

    await rebuildReadModels(config, mongo, 'gcheck');
    const live = readModelNames('');
    const rebuilt = readModelNames('gcheck');
    const liveSubjects = await new SubjectRecordStore(mongo.db, live.subjects).all();
    expect(liveSubjects).toHaveLength(SUBJECTS);
    expect(liveSubjects).toEqual(await new SubjectRecordStore(mongo.db, rebuilt.subjects).all());
    expect(await new IdentifierIndexStore(mongo.db, live.identifiers).all()).toEqual(
      await new IdentifierIndexStore(mongo.db, rebuilt.identifiers).all(),
    );
    expect(liveSubjects.find((s) => s.subjectId === 'crash-7')?.eventCount).toBe(5);
  });
});
