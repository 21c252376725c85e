import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { decide, DEFAULT_POLICY, LedgerError, type DecisionQuery } from '@ledger/domain';
import type { SubjectReader, SubjectRef } from '../../read-side/subject-reader';

/** Decisions in flight at once: enough to hide read latency, small enough to bound memory. */
export const BATCH_CONCURRENCY = 32;
const MAX_LINE_LENGTH = 4096;

export type BatchAnswer =
  | { line: number; subject: SubjectRef; allowed: boolean; reason: string }
  | { line: number; error: { type: string; detail: string } };

function parseRef(text: string): SubjectRef {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new LedgerError('validation_failed', 'not a JSON object');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new LedgerError('validation_failed', 'not a JSON object');
  }
  const fields = Object.entries(value as Record<string, unknown>);
  const allowed = ['subjectId', 'email', 'phone'];
  if (fields.length !== 1 || !allowed.includes(fields[0][0]) || typeof fields[0][1] !== 'string') {
    throw new LedgerError('validation_failed', 'give exactly one of subjectId, email, phone, as a string');
  }
  return { [fields[0][0]]: fields[0][1] } as SubjectRef;
}

async function answerLine(
  reader: SubjectReader,
  query: DecisionQuery,
  line: number,
  text: string,
): Promise<BatchAnswer> {
  try {
    if (text.length > MAX_LINE_LENGTH) throw new LedgerError('validation_failed', 'line too long');
    const subject = parseRef(text);
    const { record } = await reader.resolve(subject, query.at);
    const { allowed, reason } = decide(DEFAULT_POLICY, record, query);
    return { line, subject, allowed, reason };
  } catch (error) {
    // The read side failing is not a bad line: the whole stream stops (fail closed).
    if (!(error instanceof LedgerError) || error.code === 'read_side_unavailable') throw error;
    return {
      line,
      error: { type: `urn:consent-ledger:problem:${error.code.replace(/_/g, '-')}`, detail: error.message },
    };
  }
}

/**
 * NDJSON in, NDJSON out, in input order. Lines are read only as fast as answers are consumed
 * (readline pauses the request when the generator is not pulled), with at most
 * BATCH_CONCURRENCY decisions in flight, so memory stays flat whatever the list's length.
 */
export async function* decideBatch(
  input: Readable,
  reader: SubjectReader,
  query: DecisionQuery,
): AsyncGenerator<string> {
  const lines = createInterface({ input, crlfDelay: Infinity });
  const pending: Array<Promise<BatchAnswer>> = [];
  const enqueue = (answer: Promise<BatchAnswer>) => {
    answer.catch(() => undefined); // observed when dequeued; never an unhandled rejection
    pending.push(answer);
  };
  let lineNumber = 0;
  try {
    for await (const text of lines) {
      lineNumber++;
      if (text.trim() === '') continue;
      enqueue(answerLine(reader, query, lineNumber, text.trim()));
      if (pending.length >= BATCH_CONCURRENCY) yield `${JSON.stringify(await pending.shift())}\n`;
    }
    while (pending.length > 0) yield `${JSON.stringify(await pending.shift())}\n`;
  } catch (error) {
    // Fail closed: say why the answers stop, and answer nothing more.
    const detail = error instanceof LedgerError ? error.message : 'internal error';
    yield `${JSON.stringify({ error: { type: 'urn:consent-ledger:problem:read-side-unavailable', detail } })}\n`;
    lines.close();
  }
}
