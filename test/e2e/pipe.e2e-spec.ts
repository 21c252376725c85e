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

  it('reports Kafka and Mongo by name on /health', async () => {
    const response = await fetch(`${api.url}/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      status: 'ok',
      checks: { kafka: { status: 'up', brokers: 1 }, mongo: { status: 'up' } },
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
    expect(member).toMatchObject({ _id: 'pipe-member', kind: 'member', history: [{ id: written.eventId }] });

    const earlier = await eventually(
      async () => (await subjectDocument('pipe-before-projector')) ?? undefined,
    );
    expect(earlier).toMatchObject({ kind: 'prospect' });
  });
});
