import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { LedgerConfig } from '@ledger/config';
import {
  adminHeaders,
  dropTestResources,
  startApi,
  startProjector,
  testConfig,
  testEnv,
  type RunningApi,
  type RunningProjector,
} from '../support/test-ledger';

const REBUILD = join(__dirname, '..', '..', 'dist', 'apps', 'projector', 'src', 'rebuild.js');
const source = { collectionPoint: 'e2e', method: 'web_form' };

describe('npm run rebuild', () => {
  let config: LedgerConfig;
  let api: RunningApi;
  let projector: RunningProjector | undefined;

  beforeAll(async () => {
    config = testConfig('rebuild');
    api = await startApi(config);
  });

  afterAll(async () => {
    await projector?.close();
    await api.close();
    await dropTestResources(config);
  });

  const call = async (method: string, path: string, body: unknown) => {
    const response = await fetch(`${api.url}${path}`, {
      method,
      headers: adminHeaders(),
      body: JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };
  const rebuild = (...args: string[]) =>
    promisify(execFile)(process.execPath, [REBUILD, ...args], {
      env: { ...process.env, ...testEnv('rebuild') },
    });

  it('refuses to switch while the projector runs, then switches the live read side once it is stopped', async () => {
    projector = await startProjector(config);
    await call('PUT', '/v1/subjects/rb-1', { kind: 'prospect' });
    const given = await call('POST', '/v1/subjects/rb-1/consents', {
      purpose: 'prospecting',
      channels: ['email'],
      source,
    });
    await expect(rebuild()).rejects.toMatchObject({
      stderr: expect.stringContaining('stop the projector first'),
    });

    await projector.close();
    projector = undefined;
    const { stdout } = await rebuild();
    expect(stdout).toMatch(/^switched to generation g[0-9a-z]+ \(previous: initial/);

    // The API follows the switch; the rebuilt generation holds the consent and its checkpoint.
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const decided = await call('POST', '/v1/decisions', {
      subject: { subjectId: 'rb-1' },
      purpose: 'prospecting',
      channel: 'email',
      consistentWith: given.body.position,
    });
    expect(decided.body).toMatchObject({
      allowed: true,
      reason: 'consent_given',
      evidence: [given.body.eventId],
    });

    // The restarted projector writes into the new generation from where the rebuild ended.
    projector = await startProjector(config);
    const withdrawn = await call('POST', '/v1/subjects/rb-1/consent-withdrawals', {
      purpose: 'prospecting',
      channels: ['email'],
      source,
    });
    expect(withdrawn.status).toBe(201);
    const after = await call('POST', '/v1/decisions', {
      subject: { subjectId: 'rb-1' },
      purpose: 'prospecting',
      channel: 'email',
    });
    expect(after.body).toMatchObject({ allowed: false, reason: 'consent_withdrawn' });
    const history = await fetch(`${api.url}/v1/subjects/rb-1/history`, { headers: adminHeaders() });
    expect(((await history.json()) as { events: unknown[] }).events).toHaveLength(3);
  });
});
