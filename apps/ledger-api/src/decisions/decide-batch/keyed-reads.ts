import type { BatchQuery } from './batch-lines';
import type { SubjectReader } from '../../read-side/subject-reader';

/** What answering lines by lookups needs of the read side. */
export type LineReader = Pick<SubjectReader, 'resolveMany'>;
import { answerOf, type BatchAnswer, type ParsedLine } from './batch-lines';

/** Lines looked up together (one `$in`, or that many point reads at once). */
const WINDOW = 16;
/** Windows in flight at once: enough to hide read latency, few enough to bound memory. */
const WINDOWS_IN_FLIGHT = 2;

async function answerWindow(
  reader: LineReader,
  query: BatchQuery,
  window: ParsedLine[],
): Promise<BatchAnswer[]> {
  const lookups = window.flatMap((p) => ('key' in p ? [p] : []));
  const resolved = await reader.resolveMany(
    lookups.map((p) => p.key),
    query.at,
  );
  const records = new Map(lookups.map((p, i) => [p.line, resolved[i].record]));
  return window.map((p) =>
    'key' in p ? answerOf(p.line, p.subject, records.get(p.line) ?? null, query) : p,
  );
}

/** Answers in input order by looking each subject up: the strategy for lists small against the ledger. */
export async function* keyedReads(
  lines: AsyncIterable<ParsedLine>,
  reader: LineReader,
  query: BatchQuery,
): AsyncGenerator<BatchAnswer> {
  const pending: Array<Promise<BatchAnswer[]>> = [];
  const enqueue = (window: ParsedLine[]) => {
    const answers = answerWindow(reader, query, window);
    answers.catch(() => undefined); // observed when dequeued; never an unhandled rejection
    pending.push(answers);
  };
  let window: ParsedLine[] = [];
  for await (const parsed of lines) {
    window.push(parsed);
    if (window.length < WINDOW) continue;
    enqueue(window);
    window = [];
    if (pending.length >= WINDOWS_IN_FLIGHT) yield* await pending.shift()!;
  }
  if (window.length > 0) enqueue(window);
  while (pending.length > 0) yield* await pending.shift()!;
}
