import { MongoClient } from 'mongodb';
import type { LedgerConfig } from '@ledger/config';
import {
  adminHeaders,
  dropTestResources,
  eventually,
  startApi,
  startProjector,
  testConfig,
  type RunningApi,
  type RunningProjector,
} from '../support/test-ledger';

interface HealthBody {
  status: string;
  checks: { readSide: { partitions: unknown[] } } & Record<string, unknown>;
}

describe('the pipe: HTTP → Kafka → projector → MongoDB', () => {
  let config: LedgerConfig;
  let api: RunningApi;
  let projector: RunningProjector | undefined;
  let mongo: MongoClient;

  beforeAll(async () => {
    config = testConfig('pipe');
    api = await startApi(config);
    mongo = new MongoClient(config.mongo.uri);
  });

  afterAll(async () => {
    await projector?.close();
    await api.close();
    await mongo.close();
    await dropTestResources(config);
  });

  const subjectDocument = (subjectId: string) =>
    mongo
      .db(config.mongo.database)
      .collection('subjects')
      .findOne({ _id: subjectId as never });

  const register = async (subjectId: string, kind: string) => {
    const response = await fetch(`${api.url}/v1/subjects/${subjectId}`, {
      method: 'PUT',
      headers: adminHeaders(),
      body: JSON.stringify({ kind }),
    });
    expect(response.status).toBe(200);
    return (await response.json()) as { eventId: string; position: string };
  };

  const health = async () => {
    const response = await fetch(`${api.url}/health`);
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

  it('leaves the read model untouched while no projector runs', async () => {
    await register('pipe-before-projector', 'prospect');
    await new Promise((r) => setTimeout(r, 2000));
    expect(await subjectDocument('pipe-before-projector')).toBeNull();
  });

  it('projects events written before and after the projector started', async () => {
    projector = await startProjector(config);
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
