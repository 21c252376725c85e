import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { createInterface } from 'node:readline';
import { APP_NODE_ARGS } from '../../scripts/app-runtime';
import { freePort } from '../../scripts/local-infra/managed-process';
import {
  adminHeaders,
  appendAlternatingHistory,
  eventually,
  readModelCaughtUp,
  startApi,
  testConfig,
  testEnv,
  useLedger,
  type RunningApi,
} from '../support/test-ledger';

/** Every consent names the notice shown (policy 2026-11-29, issue 13 finding 1). */
const NOTICE = { id: 'prospecting-notice', version: '2026-01' };

const API_MAIN = join(__dirname, '..', '..', 'dist', 'apps', 'ledger-api', 'src', 'main.js');
const source = { collectionPoint: 'e2e', method: 'web_form' };
// 20,000 lines in CI; `npm run bench:batch` streams 1,000,000 (bench/results/batch.txt).
const LINES = Number(process.env.BATCH_TEST_LINES ?? 20_000);
/** Flat memory: two more lists may add this much to what the API held after two, no more. */
const RSS_GROWTH_LIMIT_MIB = 64;
const HISTORY_START = Date.parse('2026-01-05T09:00:00.000Z');
const HISTORY_EVENTS = 80;

const residentKiB = (pid: number, field: 'VmRSS' | 'VmHWM'): number =>
  Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]);
/** Subjects `list-<k>` for k a multiple of 1000 below 10,000 consented to email prospecting. */
const CONSENTED = Array.from({ length: 10 }, (_, k) => `list-${k * 1000}`);

interface Answer {
  line: number;
  subject?: Record<string, string>;
  allowed?: boolean;
  reason?: string;
  error?: { type: string };
}

async function* readLines(body: ReadableStream<Uint8Array>): AsyncGenerator<Answer> {
  const lines = createInterface({
    input: Readable.fromWeb(body as import('node:stream/web').ReadableStream),
    crlfDelay: Infinity,
  });
  for await (const line of lines) yield JSON.parse(line) as Answer;
}

// A million lines take minutes on FerretDB: the per-test limit is raised, nothing is timed.
jest.setTimeout(1_800_000);

describe('POST /v1/decisions/batch', () => {
  const ledger = useLedger('batch', { projector: true });

  beforeAll(async () => {
    for (const subjectId of CONSENTED) {
      await fetch(`${ledger.api.url}/v1/subjects/${subjectId}/consents`, {
        method: 'POST',
        headers: adminHeaders(),
        body: JSON.stringify({ purpose: 'prospecting', channels: ['email'], source, notice: NOTICE }),
      });
    }
    await fetch(`${ledger.api.url}/v1/subjects/list-1`, {
      method: 'PUT',
      headers: adminHeaders(),
      body: JSON.stringify({ kind: 'member', identifiers: { emails: ['member@example.fr'] } }),
    });
    // A member's soft opt-in holds while a contract runs (issue 13, finding 2).
    await fetch(`${ledger.api.url}/v1/subjects/list-1/relationships`, {
      method: 'POST',
      headers: adminHeaders(),
      body: JSON.stringify({ contractRef: 'C-1', productLine: 'sante', startedAt: '2025-01-01T00:00:00Z' }),
    });
    await fetch(`${ledger.api.url}/v1/subjects/list-2`, {
      method: 'PUT',
      headers: adminHeaders(),
      body: JSON.stringify({ kind: 'prospect', identifiers: { phones: ['+33 6 12 34 56 78'] } }),
    });
    // A history long enough that its document lets the early part go (answered from the history).
    await appendAlternatingHistory(ledger.api.url, 'list-history', HISTORY_EVENTS, HISTORY_START);
    await readModelCaughtUp(ledger.config);
  });

  const post = (url: string, body: string | Readable, query = 'purpose=prospecting&channel=email') =>
    fetch(`${url}/v1/decisions/batch?${query}`, {
      method: 'POST',
      headers: { authorization: adminHeaders().authorization, 'content-type': 'application/x-ndjson' },
      body: typeof body === 'string' ? body : (Readable.toWeb(body) as ReadableStream),
      duplex: 'half',
    } as RequestInit);

  it('answers every line in order, with an error line for a bad one', async () => {
    const input = [
      { subjectId: 'list-0' },
      { subjectId: 'nobody' },
      'not json',
      { email: ' Member@Example.fr' },
      { fax: '123' },
      { subjectId: 'list-1000' },
    ]
      .map((l) => (typeof l === 'string' ? l : JSON.stringify(l)))
      .join('\n');
    const response = await post(ledger.api.url, `${input}\n\n`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/x-ndjson/);
    const answers: Answer[] = [];
    for await (const answer of readLines(response.body!)) answers.push(answer);
    expect(answers).toEqual([
      { line: 1, subject: { subjectId: 'list-0' }, allowed: true, reason: 'consent_given' },
      { line: 2, subject: { subjectId: 'nobody' }, allowed: false, reason: 'consent_missing' },
      {
        line: 3,
        error: { type: 'urn:consent-ledger:problem:validation-failed', detail: 'not a JSON object' },
      },
      { line: 4, subject: { email: ' Member@Example.fr' }, allowed: true, reason: 'customer_soft_opt_in' },
      { line: 5, error: expect.objectContaining({ type: 'urn:consent-ledger:problem:validation-failed' }) },
      { line: 6, subject: { subjectId: 'list-1000' }, allowed: true, reason: 'consent_given' },
    ]);
  });

  it('answers a list the same by lookups and by joins in memory and on disk, now and at an early instant', async () => {
    // Every kind of line, repeated past the in-memory spool (5,000 lines) so the join reads it from disk.
    const kinds = [
      '{"subjectId":"list-0"}',
      '{"email":"MEMBER@example.fr"}',
      '{"phone":"06 12 34 56 78"}',
      '{"email":"nobody@example.fr"}',
      '{"subjectId":"list-history"}',
      '{"subjectId":"nobody"}',
      '{"phone":"12"}',
      'not json',
      '{"subjectId":"list-3000"}',
    ];
    const list = `${Array.from({ length: 6_000 }, (_, i) => kinds[(i * 7) % kinds.length]).join('\n')}\n`;
    const keyed = await startApi(testConfig('batch', { LEDGER_BATCH_STRATEGY: 'keyed' }));
    const joined = await startApi(testConfig('batch', { LEDGER_BATCH_STRATEGY: 'join' }));
    const hashed = await startApi(testConfig('batch', { LEDGER_BATCH_STRATEGY: 'hash' }));
    const answersFrom = async (api: RunningApi, query: string) => {
      const response = await post(api.url, list, query);
      expect(response.status).toBe(200);
      const answers: Answer[] = [];
      for await (const answer of readLines(response.body!)) answers.push(answer);
      return answers;
    };
    // As of the instant its first consent was recorded (the history is dated from long before, and
    // a decision as of an instant answers from what was recorded by then: issue 13, finding 9).
    const firstRecorded = (
      (await (
        await fetch(`${ledger.api.url}/v1/subjects/list-history/history?limit=1`, { headers: adminHeaders() })
      ).json()) as { events: Array<{ recordedAt: string }> }
    ).events[0].recordedAt;
    try {
      for (const at of [undefined, firstRecorded]) {
        const query = `purpose=prospecting&channel=email${at ? `&at=${at}` : ''}`;
        const byLookups = await answersFrom(keyed, query);
        expect(byLookups.map((a) => a.line)).toEqual(Array.from({ length: 6_000 }, (_, i) => i + 1));
        expect(await answersFrom(joined, query)).toEqual(byLookups);
        expect(await answersFrom(hashed, query)).toEqual(byLookups);
        // The early instant is answered from the long history, not from what the document kept.
        const history = byLookups.find((a) => a.subject?.subjectId === 'list-history');
        expect(history).toMatchObject(
          at ? { allowed: true, reason: 'consent_given' } : { allowed: false, reason: 'consent_withdrawn' },
        );
      }
      const metrics = async (api: RunningApi) =>
        (await (await fetch(`${api.url}/metrics`, { headers: adminHeaders() })).text()).match(
          /ledger_batch_lines_total\{strategy="(\w+)"\} (\d+)/,
        );
      expect((await metrics(joined))?.slice(1)).toEqual(['join', '12000']);
      expect((await metrics(keyed))?.slice(1)).toEqual(['keyed', '12000']);
      expect((await metrics(hashed))?.slice(1)).toEqual(['hash', '12000']);
    } finally {
      await keyed.close();
      await joined.close();
      await hashed.close();
    }
  });

  it('refuses a bad query before reading the list', async () => {
    const response = await post(ledger.api.url, '{"subjectId":"x"}\n', 'purpose=spam&channel=email');
    expect(response.status).toBe(400);
    expect(((await response.json()) as { type: string }).type).toBe(
      'urn:consent-ledger:problem:validation-failed',
    );
  });

  it(`streams ${LINES.toLocaleString('en')} lines through a separate API process, in order, in flat memory`, async () => {
    const port = await freePort();
    // Started as `npm start` starts it, heap capped: a leak ends in a crash, not a guess.
    const api: ChildProcess = spawn(process.execPath, [...APP_NODE_ARGS['ledger-api'], API_MAIN], {
      env: { ...process.env, ...testEnv('batch'), HTTP_PORT: String(port) },
      stdio: 'ignore',
    });
    const url = `http://127.0.0.1:${port}`;
    /** One request of `lines` lines; returns what went wrong and how fast. */
    const stream = async (lines: number) => {
      const input = Readable.from(
        (function* () {
          for (let i = 0; i < lines; i++) yield `{"subjectId":"list-${i}"}\n`;
        })(),
      );
      const started = Date.now();
      const response = await post(url, input);
      expect(response.status).toBe(200);
      let count = 0;
      let outOfOrder = 0;
      const wrong: Answer[] = [];
      for await (const answer of readLines(response.body!)) {
        count++;
        if (answer.line !== count) outOfOrder++;
        const index = Number(answer.subject?.subjectId?.slice('list-'.length));
        if (index % 997 === 0 || index % 1000 === 0) {
          const expected = index < 10_000 && index % 1000 === 0;
          if (answer.allowed !== expected || index !== count - 1) wrong.push(answer);
        }
      }
      expect({ count, outOfOrder, wrong }).toEqual({ count: lines, outOfOrder: 0, wrong: [] });
      return (Date.now() - started) / 1000;
    };
    try {
      await eventually(
        async () =>
          (await fetch(`${url}/health`).catch(() => undefined))?.status === 200 ? true : undefined,
        60_000,
      );
      // Flat memory: once warm (two lists of the same length: V8 grows its heap towards the cap
      // before it collects in earnest), two more lists must not add to it.
      await stream(LINES);
      await stream(LINES);
      const warmKiB = residentKiB(api.pid!, 'VmRSS');
      await stream(LINES);
      const seconds = await stream(LINES);
      const endKiB = residentKiB(api.pid!, 'VmRSS');
      const peakKiB = residentKiB(api.pid!, 'VmHWM');
      const mib = (kib: number) => (kib / 1024).toFixed(0);
      process.stdout.write(
        `[batch] ${LINES} lines in ${seconds.toFixed(1)} s (${Math.round(LINES / seconds)} lines/s); ` +
          `API RSS ${mib(warmKiB)} MiB after two lists, ${mib(endKiB)} MiB after two more, peak ${mib(peakKiB)} MiB\n`,
      );
      expect((endKiB - warmKiB) / 1024).toBeLessThan(RSS_GROWTH_LIMIT_MIB);
      // A list this long against a ledger this small is answered by a join in memory.
      const metrics = await (await fetch(`${url}/metrics`, { headers: adminHeaders() })).text();
      expect(metrics).toContain(`ledger_batch_lines_total{strategy="hash"} ${4 * LINES}`);
    } finally {
      api.kill('SIGTERM');
      await new Promise((resolve) => api.once('exit', resolve));
    }
  });
});
