import type { BatchQuery } from './batch-lines';
import type { MarkWait, SubjectReader } from '../../read-side/subject-reader';

/** What answering lines by lookups needs of the read side. */
export type LineReader = Pick<SubjectReader, 'resolveMany'>;
import { answerOf, pendingAnswer, type BatchAnswer, type ParsedLine } from './batch-lines';

/** Lines looked up together (one `$in`, or that many point reads at once). */
const WINDOW = 16;
/** Windows in flight at once: enough to hide read latency, few enough to bound memory. */
const WINDOWS_IN_FLIGHT = 2;

async function answerWindow(
  reader: LineReader,
  query: BatchQuery,
  window: ParsedLine[],
  wait: MarkWait,
): Promise<BatchAnswer[]> {
  const lookups = window.flatMap((p) => ('key' in p ? [p] : []));
  const resolved = await reader.resolveMany(
    lookups.map((p) => p.key),
    query.at,
    wait,
  );
  const byLine = new Map(lookups.map((p, i) => [p.line, resolved[i]]));
  return window.map((p) => {
    if (!('key' in p)) return p;
    const found = byLine.get(p.line);
    return found?.pending
      ? pendingAnswer(p.line, p.subject)
      : answerOf(p.line, p.subject, found?.record ?? null, query);
  });
}

/** Answers in input order by looking each subject up: the strategy for lists small against the ledger. */
export async function* keyedReads(
  lines: AsyncIterable<ParsedLine>,
  reader: LineReader,
  query: BatchQuery,
  wait: MarkWait = { marks: true },
): AsyncGenerator<BatchAnswer> {
  const pending: Array<Promise<BatchAnswer[]>> = [];
  const enqueue = (window: ParsedLine[]) => {
    const answers = answerWindow(reader, query, window, wait);
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
