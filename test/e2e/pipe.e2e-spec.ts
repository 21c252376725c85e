import { MongoClient } from 'mongodb';
import { CheckpointStore } from '@ledger/mongo';
import { readAllEvents } from '../support/event-log-reader';
import { adminHeaders, eventually, startProjector, useLedger } from '../support/test-ledger';

interface HealthBody {
  status: string;
  checks: { readSide: { partitions: unknown[] } } & Record<string, unknown>;
}

describe('the pipe: HTTP → Kafka → projector → MongoDB', () => {
  // No projector at first: the second case starts it.
  const ledger = useLedger('pipe', { projector: false });
  let mongo: MongoClient;

  beforeAll(() => {
    mongo = new MongoClient(ledger.config.mongo.uri);
  });
  afterAll(() => mongo.close());

  const subjectDocument = (subjectId: string) =>
    mongo
      .db(ledger.config.mongo.database)
      .collection('subjects')
      .findOne({ _id: subjectId as never });

  const register = async (subjectId: string, kind: string) => {
    const response = await fetch(`${ledger.api.url}/v1/subjects/${subjectId}`, {
      method: 'PUT',
      headers: adminHeaders(),
      body: JSON.stringify({ kind }),
    });
    expect(response.status).toBe(200);
    return (await response.json()) as { eventId: string; position: string };
  };

  const health = async () => {
    const response = await fetch(`${ledger.api.url}/health`);
    return { status: response.status, body: (await response.json()) as HealthBody };
  };

  it('reports Kafka, Mongo and the missing projector by name on /health', async () => {
    const { status, body } = await eventually(async () => {
      const answer = await health();
      return answer.body.status === 'starting' ? undefined : answer;
    });
    // No projector consumes yet: the read side cannot be trusted, so the ledger is not healthy.
    expect(status).toBe(503);
    expect(body).toMatchObject({
      status: 'degraded',
      checks: { kafka: { status: 'up' }, mongo: { status: 'up' }, projector: { status: 'down' } },
    });
  });

  it('acknowledges a write once it is in the log, whether or not a projector runs', async () => {
    const written = await register('pipe-before-projector', 'prospect');
    const events = await readAllEvents(ledger.config);
    expect(events.filter((e) => e.subjectId === 'pipe-before-projector').map((e) => e.id)).toEqual([
      written.eventId,
    ]);
    // Nothing projects it yet: no checkpoint, no subject document (the next case applies it).
    expect(
      await new CheckpointStore(
        mongo.db(ledger.config.mongo.database),
        ledger.config.kafka.eventsTopic,
      ).appliedOffsets(),
    ).toEqual(new Map());
    expect(await subjectDocument('pipe-before-projector')).toBeNull();
  });

  it('projects events written before and after the projector started', async () => {
    ledger.projector = await startProjector(ledger.config);
    const written = await register('pipe-member', 'member');

    const member = await eventually(async () => (await subjectDocument('pipe-member')) ?? undefined);
    expect(member).toMatchObject({
      _id: 'pipe-member',
      kind: 'member',
      eventCount: 1,
      retained: [{ id: written.eventId }],
    });

    const earlier = await eventually(
      async () => (await subjectDocument('pipe-before-projector')) ?? undefined,
    );
    expect(earlier).toMatchObject({ kind: 'prospect' });

    // With a projector alive and caught up, /health says ok and lists the partitions.
    const healthy = await eventually(async () => {
      const answer = await health();
      return answer.status === 200 ? answer.body : undefined;
    });
    expect(healthy).toMatchObject({
      status: 'ok',
      checks: { projector: { status: 'up' }, readSide: { status: 'up', maxLagMs: 2000 } },
    });
    expect(healthy.checks.readSide.partitions.length).toBeGreaterThan(0);
  });
});
