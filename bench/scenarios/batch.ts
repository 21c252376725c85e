import { Readable } from 'node:stream';
import { createInterface } from 'node:readline';
import { goal, round, timed } from '../support/measure';
import { ADMIN_KEY, type BenchStack } from '../support/bench-stack';

/**
 * A list of `lines` lines over `subjects` subjects through the API (one request, answers
 * streamed back and checked in order), against the raw driver's best strategy for it: one scan
 * of the collection into memory, then a lookup per line.
 */
export async function batch(stack: BenchStack, lines: number, subjects: number) {
  const lineOf = (i: number) => `{"subjectId":"bench-${(i * 7919) % subjects}"}\n`;
  const { seconds: rawSeconds } = await timed(async () => {
    const known = new Set<string>();
    for await (const document of stack.db
      .collection<{ _id: string }>('subjects')
      .find({}, { batchSize: 1000, projection: { retained: 1 } })) {
      known.add(document._id);
    }
    let found = 0;
    for (let i = 0; i < lines; i++) if (known.has(JSON.parse(lineOf(i)).subjectId)) found++;
    return found;
  });
  const { seconds: ledgerSeconds, result } = await timed(async () => {
    const response = await fetch(`${stack.apiUrl}/v1/decisions/batch?purpose=prospecting&channel=email`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ADMIN_KEY}`, 'content-type': 'application/x-ndjson' },
      body: Readable.toWeb(
        Readable.from(
          // Sent in chunks of 1,000 lines, as a client writing a file would: one web-stream
          // chunk per line made the bench's own upload the bottleneck (API busy 18%).
          (function* () {
            for (let i = 0; i < lines; i += 1000) {
              let chunk = '';
              for (let j = i; j < Math.min(lines, i + 1000); j++) chunk += lineOf(j);
              yield chunk;
            }
          })(),
        ),
      ) as ReadableStream,
      duplex: 'half',
    } as RequestInit);
    if (response.status !== 200)
      throw new Error(`batch answered ${response.status}: ${await response.text()}`);
    let count = 0;
    let allowed = 0;
    let outOfOrder = 0;
    let firstError: string | undefined;
    const answers = createInterface({
      input: Readable.fromWeb(response.body! as import('node:stream/web').ReadableStream),
      crlfDelay: Infinity,
    });
    for await (const text of answers) {
      const answer = JSON.parse(text) as { line: number; allowed?: boolean; error?: unknown };
      count++;
      if (answer.error !== undefined) firstError ??= text;
      if (answer.line !== count) outOfOrder++;
      if (answer.allowed) allowed++;
    }
    return { count, allowed, outOfOrder, firstError };
  });
  if (result.count !== lines || result.outOfOrder !== 0) {
    throw new Error(
      `batch answered ${result.count} lines, ${result.outOfOrder} out of order; first error: ${result.firstError}`,
    );
  }
  const peakRssMiB = round(stack.apiPeakRssMiB(), 0);
  return {
    results: {
      lines,
      subjects,
      ledgerSeconds,
      ledgerLinesPerSecond: Math.round(lines / ledgerSeconds),
      rawSeconds,
      rawLinesPerSecond: Math.round(lines / rawSeconds),
      allowed: result.allowed,
      apiPeakRssMiB: peakRssMiB,
    },
    goals: [
      goal(
        'batch lines/s over the raw driver (one scan into memory)',
        lines / ledgerSeconds,
        lines / rawSeconds,
        '>= 0.9',
      ),
      goal(
        `API peak RSS over 300 MB, at ${lines.toLocaleString('en')} lines`,
        (peakRssMiB * 1048576) / 1e6,
        300,
        '<= 1',
      ),
    ],
  };
}
