import { LedgerError } from '@ledger/domain';
import type { ReadModelFreshness } from './read-model-freshness';
import type { ResolvedSubject, SubjectReader, SubjectRef } from './subject-reader';

/**
 * A subject that must be known (a call's, a rights request's): by id, or by an email or phone
 * the ledger has linked. A lookup
 * by identifier reads an index that includes every registration acknowledged before the call
 * (or answers 503), so a caller registered a moment ago is never a wrong 404.
 */
export async function resolveKnownSubject(
  reader: SubjectReader,
  freshness: ReadModelFreshness,
  ref: SubjectRef,
): Promise<ResolvedSubject & { subjectId: string }> {
  if (ref.subjectId === undefined) await freshness.ensureFresh();
  const resolved = await reader.resolve(ref);
  if (resolved.subjectId === undefined) {
    throw new LedgerError('not_found', 'No subject has this email or phone; pass the subjectId');
  }
  return { ...resolved, subjectId: resolved.subjectId };
}
