import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { APP_NODE_ARGS } from '../../scripts/app-runtime';
import { freePort } from '../../scripts/local-infra/managed-process';
import { dropTestResources, eventually, TEST_ADMIN_KEY, testConfig, testEnv } from '../support/test-ledger';

const DIST = join(__dirname, '..', '..', 'dist', 'apps');
const EMAIL = 'Jane.Logged@Example.fr';
const PHONE = '+33 6 12 34 56 78';

jest.setTimeout(120_000);

/** Runs an app as `npm start` would, at `info`, keeping everything it writes. */
function run(app: 'ledger-api' | 'projector', env: NodeJS.ProcessEnv) {
  let output = '';
  const args = [
    ...(app === 'ledger-api' ? APP_NODE_ARGS['ledger-api'] : []),
    join(DIST, app, 'src', 'main.js'),
  ];
  const child: ChildProcess = spawn(process.execPath, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return {
    output: () => output,
    stop: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

describe('logs of a working ledger', () => {
  const config = testConfig('log_redaction');
  afterAll(() => dropTestResources(config));

  it('hold no key, secret, email or phone of the requests they served', async () => {
    const port = await freePort();
    const env = {
      ...process.env,
      // To stdout, read here (not the run's shared log file).
      ...testEnv('log_redaction', { LOG_LEVEL: 'info', HTTP_PORT: String(port), LEDGER_LOG_FILE: '' }),
    };
    const api = run('ledger-api', env);
    const projector = run('projector', env);
    const url = `http://127.0.0.1:${port}`;
    const admin = { authorization: `Bearer ${TEST_ADMIN_KEY}`, 'content-type': 'application/json' };
    let minted: string | undefined;
    try {
      await eventually(
        async () => ((await fetch(`${url}/health`).catch(() => undefined))?.ok ? true : undefined),
        60_000,
      );
      const created = await fetch(`${url}/v1/api-keys`, {
        method: 'POST',
        headers: admin,
        body: JSON.stringify({ name: 'logged', scopes: ['decisions:read'] }),
      });
      expect(created.status).toBe(201);
      minted = ((await created.json()) as { apiKey: string }).apiKey;
      const registered = await fetch(`${url}/v1/subjects/log-1`, {
        method: 'PUT',
        headers: admin,
        body: JSON.stringify({ kind: 'prospect', identifiers: { emails: [EMAIL], phones: [PHONE] } }),
      });
      expect(registered.status).toBeLessThan(300);
      const decided = await fetch(`${url}/v1/decisions`, {
        method: 'POST',
        headers: { authorization: `Bearer ${minted}`, 'content-type': 'application/json' },
        body: JSON.stringify({ subject: { email: EMAIL }, purpose: 'prospecting', channel: 'email' }),
      });
      expect(decided.status).toBe(200);
      // An email in a URL, and a wrong key shaped like a minted one.
      await fetch(`${url}/v1/nothing-here?email=${encodeURIComponent(EMAIL)}`, { headers: admin });
      await fetch(`${url}/v1/decisions`, { method: 'POST', headers: { authorization: `Bearer ${minted}x` } });
      await new Promise((resolve) => setTimeout(resolve, 500));
    } finally {
      await api.stop();
      await projector.stop();
    }
    const logs = api.output() + projector.output();
    // The run was logged (both apps said they started), and none of it holds a secret or a contact.
    expect(logs).toContain('ledger-api listening');
    expect(logs).toContain('projector consuming');
    // Requests were logged too, the email in a URL as its keyed hash.
    expect(logs).toMatch(/"method":"PUT","url":"\/v1\/subjects\/log-1".*"status":200.*request completed/);
    expect(logs).toMatch(/"url":"\/v1\/nothing-here\?email=email#[0-9a-f]{12}"/);
    const secret = minted!; // set before any request that could use it, or the test failed above
    for (const value of [TEST_ADMIN_KEY, secret, secret.slice(-16)]) expect(logs).not.toContain(value);
    expect(logs.toLowerCase()).not.toContain(EMAIL.toLowerCase());
    expect(logs.toLowerCase()).not.toContain(encodeURIComponent(EMAIL).toLowerCase());
    expect(logs).not.toMatch(/612345678|6 12 34 56 78/);
  });
});
