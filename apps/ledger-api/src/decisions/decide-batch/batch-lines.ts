import { decide, LedgerError, type DecisionQuery, type Policy, type SubjectRecord } from '@ledger/domain';
import { problemTypeOf } from '../../http/problem-details';
import type { SubjectKey, SubjectReader, SubjectRef } from '../../read-side/subject-reader';

/** What a batch asks of every line: one question (purpose, channel, instant), under one policy. */
export type BatchQuery = DecisionQuery & { policy: Policy };

export type BatchAnswer =
  | { line: number; subject: SubjectRef; allowed: boolean; reason: string }
  | { line: number; subject?: SubjectRef; error: { type: string; detail: string } };

/** A line of the list once read: what to look up, or the error that answers it. */
export type ParsedLine =
  | { line: number; subject: SubjectRef; key: SubjectKey }
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

/** A list line, parsed and normalised; a bad line becomes its own error answer. */
export function parseLine(reader: Pick<SubjectReader, 'keyOf'>, line: number, text: string): ParsedLine {
  try {
    const subject = parseRef(text);
    return { line, subject, key: reader.keyOf(subject) };
  } catch (error) {
    if (!(error instanceof LedgerError)) throw error;
    return {
      line,
      error: { type: problemTypeOf(error.code), detail: error.message },
    };
  }
}

/**
 * A line about a subject with a restrictive write acknowledged and not yet applied: no answer
 * for that subject yet (the rest of the list is answered); ask again for it.
 */
export function pendingAnswer(line: number, subject: SubjectRef): BatchAnswer {
  return {
    line,
    subject,
    error: {
      type: problemTypeOf('read_side_lagging'),
      detail: 'a restrictive write about this subject is acknowledged but not applied yet: ask again for it',
    },
  };
}

/** The one place a line's answer is made, whichever way its record was read. */
export function answerOf(
  line: number,
  subject: SubjectRef,
  record: SubjectRecord | null,
  query: BatchQuery,
): BatchAnswer {
  const { allowed, reason } = decide(query.policy, record, query);
  return { line, subject, allowed, reason };
}
