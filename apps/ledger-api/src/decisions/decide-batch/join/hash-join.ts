import type { BatchQuery } from '../batch-lines';
import {
  decide,
  identifierMarkKey,
  needsFullHistory,
  subjectMarkKey,
  type SubjectRecord,
} from '@ledger/domain';
import type { StillPending } from '../../../read-side/pending-restrictions';
import type { SubjectReader } from '../../../read-side/subject-reader';
import { answerOf, pendingAnswer, type BatchAnswer } from '../batch-lines';
import type { InputSpool } from '../input-spool';

/** Outcome index of a subject that cannot answer for `at` without its full history. */
const NEEDS_HISTORY = -1;
/** Subjects read with their history kept at once (an old `at` over long histories). */
const HISTORY_CACHE = 1000;

/**
 * Answers a long list against a ledger small enough to hold, scanned once every restrictive
 * write acknowledged before it is applied (lines about one still `pending` get their own 503
 * line): one scan of the identifier index
 * (when the list has emails or phones) and one of the subjects, each subject's answer kept as a
 * small number, then the list answered in input order with no sort. Memory grows with the
 * ledger (capped by the plan, HASH_JOIN_MAX_DOCUMENTS), never with the list.
 */
export async function* hashJoin(
  spool: InputSpool,
  reader: SubjectReader,
  query: BatchQuery,
  pending: StillPending = new Map(),
): AsyncGenerator<BatchAnswer> {
  const owners = new Map<string, string>();
  if (spool.identifierRefs > 0) {
    for await (const link of reader.scanIdentifiers()) owners.set(link.key, link.subjectId);
  }
  // Few distinct answers (allowed × reason): each subject holds the index of its own.
  const outcomes: Array<{ allowed: boolean; reason: string }> = [];
  const outcomeIndex = new Map<string, number>();
  const answers = new Map<string, number>();
  for await (const record of reader.scanRecords()) {
    if (needsFullHistory(record, query.at!)) {
      answers.set(record.subjectId, NEEDS_HISTORY);
      continue;
    }
    const { allowed, reason } = decide(query.policy, record, query);
    const key = `${allowed}:${reason}`;
    let index = outcomeIndex.get(key);
    if (index === undefined) {
      index = outcomes.push({ allowed, reason }) - 1;
      outcomeIndex.set(key, index);
    }
    answers.set(record.subjectId, index);
  }

  const withHistory = new Map<string, SubjectRecord | null>();
  for await (const parsed of spool.read()) {
    if (!('key' in parsed)) {
      yield parsed;
      continue;
    }
    const linking = 'identifier' in parsed.key && pending.has(identifierMarkKey(parsed.key.identifier));
    const subjectId = 'identifier' in parsed.key ? owners.get(parsed.key.identifier) : parsed.key.subjectId;
    const index = subjectId === undefined ? undefined : answers.get(subjectId);
    if (linking || (subjectId !== undefined && pending.has(subjectMarkKey(subjectId)))) {
      yield pendingAnswer(parsed.line, parsed.subject);
    } else if (index === undefined) {
      yield answerOf(parsed.line, parsed.subject, null, query);
    } else if (index === NEEDS_HISTORY) {
      if (!withHistory.has(subjectId!)) {
        if (withHistory.size >= HISTORY_CACHE) withHistory.clear();
        // Its marks were waited for before the scan.
        const [{ record }] = await reader.resolveMany([{ subjectId: subjectId! }], query.at, {
          marks: false,
        });
        withHistory.set(subjectId!, record);
      }
      yield answerOf(parsed.line, parsed.subject, withHistory.get(subjectId!) ?? null, query);
    } else {
      yield { line: parsed.line, subject: parsed.subject, ...outcomes[index] };
    }
  }
}
