import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import {
  adminCaller,
  adminHeaders,
  eventually,
  startProjector,
  testEnv,
  useLedger,
} from '../support/test-ledger';

const REBUILD = join(__dirname, '..', '..', 'dist', 'apps', 'projector', 'src', 'rebuild.js');
const source = { collectionPoint: 'e2e', method: 'web_form' };

describe('npm run rebuild', () => {
  // The projector is started, stopped and restarted by the case itself.
  const ledger = useLedger('rebuild', { projector: false });

  const call = adminCaller(ledger);
  const rebuild = (...args: string[]) =>
    promisify(execFile)(process.execPath, [REBUILD, ...args], {
      env: { ...process.env, ...testEnv('rebuild') },
    });

  it('refuses to switch while the projector runs, then switches the live read side once it is stopped', async () => {
    ledger.projector = await startProjector(ledger.config);
    await call('PUT', '/v1/subjects/rb-1', { kind: 'prospect' });
    const given = await call('POST', '/v1/subjects/rb-1/consents', {
      purpose: 'prospecting',
      channels: ['email'],
      source,
      notice: { id: 'prospecting-notice', version: '2026-01' },
    });
    await expect(rebuild()).rejects.toMatchObject({
      stderr: expect.stringContaining('stop the projector first'),
    });

    await ledger.projector.close();
    ledger.projector = undefined;
    const { stdout } = await rebuild();
    expect(stdout).toMatch(/^switched to generation g[0-9a-z]+ \(previous: initial/);

    // The API follows the switch (within its second of caching the pointer); the rebuilt
    // generation holds the consent and its checkpoint.
    const decided = await eventually(async () => {
      const answer = await call('POST', '/v1/decisions', {
        subject: { subjectId: 'rb-1' },
        purpose: 'prospecting',
        channel: 'email',
        consistentWith: given.body.position,
      });
      return answer.status === 200 ? answer : undefined;
    });
    expect(decided.body).toMatchObject({
      allowed: true,
      reason: 'consent_given',
      evidence: [given.body.eventId],
    });

    // The restarted projector writes into the new generation from where the rebuild ended.
    ledger.projector = await startProjector(ledger.config);
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
    const history = await fetch(`${ledger.api.url}/v1/subjects/rb-1/history`, { headers: adminHeaders() });
    expect(((await history.json()) as { events: unknown[] }).events).toHaveLength(3);
  });
});
