import { LedgerError } from '@ledger/domain';
import type { ResolvedSubject, SubjectReader, SubjectRef } from './subject-reader';

/**
 * A subject that must be known (a call's, a rights request's): by id, or by an email or phone
 * the ledger has linked. A registration leaves a mark on each identifier it links, which a
 * lookup waits for (or answers 503), so a caller registered a moment ago is never a wrong 404.
 */
export async function resolveKnownSubject(
  reader: SubjectReader,
  ref: SubjectRef,
): Promise<ResolvedSubject & { subjectId: string }> {
  const resolved = await reader.resolve(ref);
  if (resolved.subjectId === undefined) {
    throw new LedgerError('not_found', 'No subject has this email or phone; pass the subjectId');
  }
  return { ...resolved, subjectId: resolved.subjectId };
}
