import { LedgerError } from '@ledger/domain';
import type { ResolvedSubject, SubjectReader, SubjectRef } from '../read-side/subject-reader';

/** A call's subject must be known by id, or by an email or phone the ledger has linked. */
export async function resolveCallSubject(
  reader: SubjectReader,
  ref: SubjectRef,
): Promise<ResolvedSubject & { subjectId: string }> {
  const resolved = await reader.resolve(ref);
  if (resolved.subjectId === undefined) {
    throw new LedgerError('not_found', 'No subject has this email or phone; pass the subjectId');
  }
  return { ...resolved, subjectId: resolved.subjectId };
}
