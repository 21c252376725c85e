import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { createInterface } from 'node:readline';
import { Readable } from 'node:stream';
import { REPO_ROOT } from '../../scripts/local-infra/provision';
import { PINNED_NODE, machinePath } from '../support/pinned-runtime';
import { adminHeaders, readModelCaughtUp, useLedger } from '../support/test-ledger';

/** Every consent names the notice shown (policy 2026-11-29, issue 13 finding 1). */
const NOTICE = { id: 'prospecting-notice', version: '2026-01' };

const CLI = join(__dirname, '..', '..', 'bin', 'ledger.js');
const ROWS = 100_000;
const source = { collectionPoint: 'e2e', method: 'web_form' };

// Two passes over 100,000 contacts (the CLI, then the batch endpoint directly): minutes, not seconds.
jest.setTimeout(600_000);

describe('ledger filter (the operators CLI)', () => {
  const ledger = useLedger('cli', { projector: true });
  let dir: string;
  let apiKey: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ledger-cli-'));
    const created = await fetch(`${ledger.api.url}/v1/api-keys`, {
      method: 'POST',
      headers: adminHeaders(),
      body: JSON.stringify({ name: 'campaigns', scopes: ['lists:filter'] }),
    });
    apiKey = ((await created.json()) as { apiKey: string }).apiKey;
    for (const [subjectId, body] of [
      ['c-0', { kind: 'prospect', identifiers: { emails: ['c0@example.fr'] } }],
      ['c-7', { kind: 'member' }],
      ['c-42', { kind: 'b2b_contact' }],
    ] as const) {
      await fetch(`${ledger.api.url}/v1/subjects/${subjectId}`, {
        method: 'PUT',
        headers: adminHeaders(),
        body: JSON.stringify(body),
      });
    }
    // A member's soft opt-in holds while a contract runs (issue 13, finding 2).
    await fetch(`${ledger.api.url}/v1/subjects/c-7/relationships`, {
      method: 'POST',
      headers: adminHeaders(),
      body: JSON.stringify({ contractRef: 'C-1', productLine: 'sante', startedAt: '2025-01-01T00:00:00Z' }),
    });
    await fetch(`${ledger.api.url}/v1/subjects/c-0/consents`, {
      method: 'POST',
      headers: adminHeaders(),
      body: JSON.stringify({ purpose: 'prospecting', channels: ['email'], source, notice: NOTICE }),
    });
    await fetch(`${ledger.api.url}/v1/subjects/c-9/oppositions`, {
      method: 'POST',
      headers: adminHeaders(),
      body: JSON.stringify({ purpose: 'prospecting', channels: ['email'], source, notice: NOTICE }),
    });
    await readModelCaughtUp(ledger.config);
  });

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it(`filters a ${ROWS.toLocaleString('en')}-line CSV, and its summary matches the batch answers`, async () => {
    const input = join(dir, 'contacts.csv');
    const rows = ['subjectId,email,name'];
    for (let i = 0; i < ROWS; i++) {
      if (i === 3) rows.push(',C0@Example.fr,by email');
      else if (i === 5) rows.push(',,no reference');
      else rows.push(`c-${i},,contact ${i}`);
    }
    writeFileSync(input, `${rows.join('\n')}\n`);
    const output = join(dir, 'allowed.csv');
    const summaryFile = join(dir, 'summary.json');
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [
        CLI,
        'filter',
        input,
        '--purpose',
        'prospecting',
        '--channel',
        'email',
        '--out',
        output,
        '--summary',
        summaryFile,
      ],
      { env: { ...process.env, LEDGER_API_URL: ledger.api.url, LEDGER_API_KEY: apiKey }, maxBuffer: 1 << 20 },
    );
    const summary = JSON.parse(readFileSync(summaryFile, 'utf8')) as {
      total: number;
      allowed: number;
      reasons: Record<string, number>;
    };
    expect(JSON.parse(stdout)).toMatchObject({ output, total: ROWS });

    // The same references through the batch endpoint directly, tallied by reason.
    const refs = rows.slice(1).flatMap((row): Array<Record<string, string>> => {
      const [subjectId, email] = row.split(',');
      return subjectId ? [{ subjectId }] : email ? [{ email }] : [];
    });
    const response = await fetch(`${ledger.api.url}/v1/decisions/batch?purpose=prospecting&channel=email`, {
      method: 'POST',
      headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/x-ndjson' },
      body: refs.map((r) => JSON.stringify(r)).join('\n'),
    });
    const expected: Record<string, number> = { invalid_line: 1 };
    let allowed = 0;
    for await (const line of createInterface({
      input: Readable.fromWeb(response.body as import('node:stream/web').ReadableStream),
    })) {
      const answer = JSON.parse(line) as { allowed: boolean; reason: string };
      expected[answer.reason] = (expected[answer.reason] ?? 0) + 1;
      if (answer.allowed) allowed++;
    }
    expect(summary.reasons).toEqual(expected);
    expect(summary.allowed).toBe(allowed);
    expect(summary.reasons).toMatchObject({ consent_given: 2, customer_soft_opt_in: 1, b2b_exception: 1 });

    const kept = readFileSync(output, 'utf8').trim().split('\n');
    expect(kept).toEqual([
      'subjectId,email,name',
      'c-0,,contact 0',
      ',C0@Example.fr,by email',
      'c-7,,contact 7',
      'c-42,,contact 42',
    ]);
  });

  it('says what is wrong, with a non-zero exit, when the key lacks the scope', async () => {
    const input = join(dir, 'small.ndjson');
    writeFileSync(input, '{"subjectId":"c-0"}\n');
    await expect(
      promisify(execFile)(
        process.execPath,
        [CLI, 'filter', input, '--purpose', 'prospecting', '--channel', 'email'],
        {
          env: {
            ...process.env,
            LEDGER_API_URL: ledger.api.url,
            LEDGER_API_KEY: 'clk_0123456789abcdef_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
          },
        },
      ),
    ).rejects.toMatchObject({ code: 1, stderr: expect.stringContaining('ledger: the ledger answered 401') });
  });

  it('runs through npx on the pinned Node.js LTS, whatever node the machine has first on its PATH', async () => {
    const input = join(dir, 'one.ndjson');
    writeFileSync(input, '{"subjectId":"c-0"}\n');
    const npx = (...args: string[]) =>
      promisify(execFile)('npx', ['--no-install', 'ledger', ...args], {
        cwd: REPO_ROOT,
        env: { ...process.env, PATH: machinePath(), LEDGER_API_URL: ledger.api.url, LEDGER_API_KEY: apiKey },
      });
    expect((await npx('--version')).stdout.trim()).toBe(`ledger on Node.js ${PINNED_NODE}`);
    const filtered = await npx('filter', input, '--purpose', 'prospecting', '--channel', 'email');
    expect(JSON.parse(filtered.stdout)).toMatchObject({ total: 1 });
  });
});
