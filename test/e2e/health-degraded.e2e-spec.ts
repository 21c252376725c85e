import { freePort } from '../../scripts/local-infra/managed-process';
import type { LedgerConfig } from '@ledger/config';
import {
  adminHeaders,
  dropTestResources,
  eventually,
  startApi,
  testConfig,
  type RunningApi,
} from '../support/test-ledger';

describe('when MongoDB is unreachable', () => {
  let config: LedgerConfig;
  let api: RunningApi;
  let deadPort: number;

  beforeAll(async () => {
    // A port that was free a moment ago and is now closed: nothing answers there.
    deadPort = await freePort();
    config = testConfig('health');
    api = await startApi({
      ...config,
      mongo: { ...config.mongo, uri: `mongodb://127.0.0.1:${deadPort}/?serverSelectionTimeoutMS=500` },
    });
  });

  afterAll(async () => {
    await api.close();
    await dropTestResources(config);
  });

  it('answers 503 and names the failing dependency', async () => {
    const body = await eventually(async () => {
      const response = await fetch(`${api.url}/health`);
      expect(response.status).toBe(503);
      const answer = (await response.json()) as {
        status: string;
        checks: Record<string, { status: string }>;
      };
      return answer.status === 'starting' ? undefined : answer;
    });
    expect(body.status).toBe('degraded');
    expect(body.checks.kafka).toEqual({ status: 'up' });
    expect(body.checks.mongo.status).toBe('down');
  });

  it.each([
    ['without a position token', {}],
    ['with a position token', { consistentWith: Buffer.from('p1:0:0').toString('base64url') }],
  ])('answers decisions %s with a 503 problem, never allowed', async (_name, extra) => {
    const response = await fetch(`${api.url}/v1/decisions`, {
      method: 'POST',
      headers: adminHeaders(),
      body: JSON.stringify({
        subject: { subjectId: 'x' },
        purpose: 'fraud_detection',
        channel: 'email',
        ...extra,
      }),
    });
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe('5');
    expect(await response.json()).toMatchObject({ type: 'urn:consent-ledger:problem:read-side-unavailable' });
  });
});
