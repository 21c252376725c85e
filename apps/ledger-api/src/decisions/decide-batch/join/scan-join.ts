import type { BatchQuery } from '../batch-lines';
import { createReadStream, createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import {
  decide,
  identifierMarkKey,
  needsFullHistory,
  subjectMarkKey,
  type SubjectRecord,
} from '@ledger/domain';
import type { StillPending } from '../../../read-side/pending-restrictions';
import type { SubjectReader, SubjectRef } from '../../../read-side/subject-reader';
import { answerOf, pendingAnswer, type BatchAnswer, type ParsedLine } from '../batch-lines';
import type { InputSpool } from '../input-spool';
import { externalSort, mergeJoin, writeAll, type SortRecord } from './external-sort';

/** Line numbers padded so that string order is numeric order. */
const lineKey = (line: number) => String(line).padStart(12, '0');
/** Keys JSON-encoded: no tab or newline can reach the record's separators. */
const encodeKey = (key: string) => JSON.stringify(key);
const payloadOf = (record: SortRecord) => record.slice(record.indexOf('\t') + 1);

/** A line waiting for its subject: `<key>\t<line>\t<subject ref JSON>`. */
function lookupRecord(key: string, parsed: { line: number; subject: SubjectRef }): SortRecord {
  return `${encodeKey(key)}\t${parsed.line}\t${JSON.stringify(parsed.subject)}`;
}

function parseLookup(record: SortRecord): { key: string; line: number; subject: SubjectRef } {
  const [key, line, subject] = record.split('\t');
  return { key: JSON.parse(key) as string, line: Number(line), subject: JSON.parse(subject) as SubjectRef };
}

/** Marks a subject whose record cannot answer for `at` without its full history. */
const NEEDS_HISTORY = 'H';

/**
 * Answers a long list by joining it with ordered scans instead of one lookup per line: the
 * lines and each collection (read once in natural order; FerretDB does not push sorts down)
 * are sorted on disk under `dir`, merged by key, and the answers sorted back to input order.
 * Every stage streams, so memory is bounded by the sort's run size, not the list's length.
 */
export async function* scanJoin(
  spool: InputSpool,
  reader: SubjectReader,
  query: BatchQuery,
  dir: string,
  pending: StillPending = new Map(),
): AsyncGenerator<BatchAnswer> {
  const answersPath = join(dir, 'answers.unsorted');
  const answers = createWriteStream(answersPath);
  const answer = (a: BatchAnswer) => writeAll(answers, [`${lineKey(a.line)}\t${JSON.stringify(a)}`]);

  // 1. Lines given by email or phone: joined with the identifier index, to subject ids.
  const bySubjectPath = join(dir, 'by-subject.unsorted');
  const bySubjectFile = createWriteStream(bySubjectPath);
  if (spool.identifierRefs > 0) {
    const lines = externalSort(
      filterLines(spool, (p) =>
        'identifier' in p.key && !pending.has(identifierMarkKey(p.key.identifier))
          ? lookupRecord(p.key.identifier, p)
          : undefined,
      ),
      dir,
      'identifier-lines',
    );
    const links = externalSort(
      mapScan(reader.scanIdentifiers(), (l) => `${encodeKey(l.key)}\t${l.subjectId}`),
      dir,
      'identifiers',
    );
    for await (const [lineRecord, link] of mergeJoin(lines, links)) {
      const { line, subject } = parseLookup(lineRecord);
      if (link === undefined) await answer(answerOf(line, subject, null, query));
      else await writeAll(bySubjectFile, [lookupRecord(payloadOf(link), { line, subject })]);
    }
  }
  bySubjectFile.end();
  await once(bySubjectFile, 'finish');

  // 2. Every line now has a subject id (or was answered): joined with the subjects' answers,
  // computed during the scan (decide is cheap; reading a record twice is not).
  const lines = externalSort(
    concat(
      filterLines(spool, (p) => ('subjectId' in p.key ? lookupRecord(p.key.subjectId, p) : undefined)),
      readLines(bySubjectPath),
    ),
    dir,
    'subject-lines',
  );
  const decisions = externalSort(
    mapScan(reader.scanRecords(), (record) => {
      const key = encodeKey(record.subjectId);
      if (needsFullHistory(record, query.at!)) return `${key}\t${NEEDS_HISTORY}`;
      const { allowed, reason } = decide(query.policy, record, query);
      return `${key}\t${JSON.stringify([allowed, reason])}`;
    }),
    dir,
    'subjects',
  );
  let withHistory: { subjectId: string; record: SubjectRecord | null } | undefined;
  for await (const [lineRecord, decision] of mergeJoin(lines, decisions)) {
    const { key, line, subject } = parseLookup(lineRecord);
    if (pending.has(subjectMarkKey(key))) {
      await answer(pendingAnswer(line, subject));
    } else if (decision === undefined) {
      await answer(answerOf(line, subject, null, query));
    } else if (payloadOf(decision) === NEEDS_HISTORY) {
      // An old `at` on a long history: this subject is read with its history, once (lines come by subject).
      if (withHistory?.subjectId !== key) {
        // Its marks were waited for before the scans.
        const [{ record }] = await reader.resolveMany([{ subjectId: key }], query.at, { marks: false });
        withHistory = { subjectId: key, record };
      }
      await answer(answerOf(line, subject, withHistory.record, query));
    } else {
      const [allowed, reason] = JSON.parse(payloadOf(decision)) as [boolean, string];
      await answer({ line, subject, allowed, reason });
    }
  }

  // 3. Lines that were answered by their error already, and those by an identifier still being linked.
  for await (const parsed of spool.read()) {
    if ('error' in parsed) await answer(parsed);
    else if ('identifier' in parsed.key && pending.has(identifierMarkKey(parsed.key.identifier)))
      await answer(pendingAnswer(parsed.line, parsed.subject));
  }
  answers.end();
  await once(answers, 'finish');

  // 4. Back to input order.
  for await (const record of externalSort(readLines(answersPath), dir, 'answers')) {
    yield JSON.parse(payloadOf(record)) as BatchAnswer;
  }
}

async function* filterLines(
  spool: InputSpool,
  select: (p: Extract<ParsedLine, { key: unknown }>) => SortRecord | undefined,
): AsyncGenerator<SortRecord> {
  for await (const parsed of spool.read()) {
    if (!('key' in parsed)) continue;
    const record = select(parsed);
    if (record !== undefined) yield record;
  }
}

async function* mapScan<T>(scan: AsyncIterable<T>, map: (item: T) => SortRecord): AsyncGenerator<SortRecord> {
  for await (const item of scan) yield map(item);
}

async function* readLines(path: string): AsyncGenerator<SortRecord> {
  yield* createInterface({ input: createReadStream(path), crlfDelay: Infinity });
}

async function* concat<T>(...sources: Array<AsyncIterable<T> | Iterable<T>>): AsyncGenerator<T> {
  for (const source of sources) yield* source;
}
