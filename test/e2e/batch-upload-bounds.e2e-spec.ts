import { request, type IncomingMessage } from 'node:http';
import { adminHeaders, useLedger } from '../support/test-ledger';

interface Upload {
  status: number;
  body: string;
  bytesSent: number;
  linesSent: number;
}

/**
 * Streams a batch list chunk by chunk (honouring back-pressure) until the server answers or
 * `chunks` runs out; `stallAfter` stops sending without ending the request.
 */
function upload(
  base: string,
  chunks: Iterator<Buffer>,
  options: { stallAfter?: number } = {},
): Promise<Upload> {
  return new Promise((resolve, reject) => {
    let bytesSent = 0;
    let linesSent = 0;
    let answered = false;
    const req = request(`${base}/v1/decisions/batch?purpose=prospecting&channel=email`, {
      method: 'POST',
      headers: { ...adminHeaders(), 'content-type': 'application/x-ndjson' },
    });
    req.on('response', (response: IncomingMessage) => {
      answered = true;
      let body = '';
      response.on('data', (chunk: Buffer) => (body += chunk.toString()));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body, bytesSent, linesSent }));
      response.on('error', reject);
    });
    // The server closes the connection once it has answered: a write after that may fail.
    req.on('error', (error) => {
      if (!answered) reject(error);
    });
    const pump = (): void => {
      for (;;) {
        if (answered) return;
        if (options.stallAfter !== undefined && linesSent >= options.stallAfter) return;
        const next = chunks.next();
        if (next.done) return void req.end();
        bytesSent += next.value.length;
        linesSent += next.value.filter((byte) => byte === 10).length;
        if (!req.write(next.value)) return void req.once('drain', pump);
      }
    };
    pump();
  });
}

function* repeat(chunk: Buffer, totalBytes: number): Generator<Buffer> {
  for (let sent = 0; sent < totalBytes; sent += chunk.length) yield chunk;
}

/** Another client's decision, asked while an upload is refused. */
async function decisionAnswers(base: string): Promise<number> {
  const response = await fetch(`${base}/v1/decisions`, {
    method: 'POST',
    headers: adminHeaders(),
    body: JSON.stringify({ subject: { subjectId: 'bystander' }, purpose: 'prospecting', channel: 'email' }),
  });
  return response.status;
}

describe('streamed batch lists are bounded while they arrive', () => {
  const ledger = useLedger('upload-bounds', {
    projector: false,
    env: { LEDGER_BATCH_IDLE_TIMEOUT_MS: '1500' },
  });

  it('refuses a 700 MB line without a newline with 413 once it passes 4 KiB, and keeps answering others', async () => {
    const uploading = upload(ledger.api.url, repeat(Buffer.alloc(1024 * 1024, 'a'), 700 * 1024 * 1024));
    const bystander = decisionAnswers(ledger.api.url);
    const refused = await uploading;
    expect(refused.status).toBe(413);
    expect(JSON.parse(refused.body)).toMatchObject({
      type: 'urn:consent-ledger:problem:payload-too-large',
      detail: 'line 1 is longer than 4096 bytes',
    });
    // Refused within the first chunks (socket buffers), nowhere near the whole 700 MB.
    expect(refused.bytesSent).toBeLessThan(64 * 1024 * 1024);
    expect(await bystander).toBe(200);
    expect(await decisionAnswers(ledger.api.url)).toBe(200);
  });

  it('refuses 10 million tiny lines with 413 at the line bound (2,000,000), and keeps answering others', async () => {
    const line = Buffer.from('{}\n');
    const chunk = Buffer.concat(Array.from({ length: 20_000 }, () => line));
    const uploading = upload(ledger.api.url, repeat(chunk, 10_000_000 * line.length));
    const bystander = decisionAnswers(ledger.api.url);
    const refused = await uploading;
    expect(refused.status).toBe(413);
    expect(JSON.parse(refused.body)).toMatchObject({
      type: 'urn:consent-ledger:problem:payload-too-large',
      maxLines: ledger.config.batch.upload.maxLines,
    });
    expect(refused.linesSent).toBeLessThan(10_000_000);
    expect(await bystander).toBe(200);
    expect(await decisionAnswers(ledger.api.url)).toBe(200);
  });

  it('refuses a stalled upload with 408 after the idle bound, and keeps answering others', async () => {
    const started = Date.now();
    const lines = Buffer.from('{"subjectId":"a"}\n{"subjectId":"b"}\n');
    const uploading = upload(ledger.api.url, repeat(lines, lines.length * 10), { stallAfter: 2 });
    expect(await decisionAnswers(ledger.api.url)).toBe(200);
    const refused = await uploading;
    expect(refused.status).toBe(408);
    expect(JSON.parse(refused.body)).toMatchObject({
      type: 'urn:consent-ledger:problem:request-timeout',
      detail: 'no bytes arrived for 1500 ms',
    });
    expect(Date.now() - started).toBeGreaterThanOrEqual(1500);
    expect(await decisionAnswers(ledger.api.url)).toBe(200);
  });

  it('still answers a list within its bounds, line for line', async () => {
    const list = Buffer.from('{"subjectId":"a"}\r\n\n{"email":"x@example.fr"}\n{"subjectId":"c"}');
    const answered = await upload(ledger.api.url, [list][Symbol.iterator]());
    expect(answered.status).toBe(200);
    const lines = answered.body
      .trim()
      .split('\n')
      .map((text) => JSON.parse(text) as { line: number });
    expect(lines.map((answer) => answer.line)).toEqual([1, 3, 4]);
  });
});
