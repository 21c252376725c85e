import { LedgerError, type CommandProvenance } from '@ledger/domain';
import type { ReadModelFreshness } from '../read-side/read-model-freshness';
import type { ResolvedSubject, SubjectReader, SubjectRef } from '../read-side/subject-reader';
import type { WriteContext } from '../writes/write-context';

/**
 * A call's subject must be known by id, or by an email or phone the ledger has linked. A lookup
 * by identifier reads an index that includes every registration acknowledged before the call
 * (or answers 503), so a caller registered a moment ago is never a wrong 404.
 */
export async function resolveCallSubject(
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

/** Who acted and where, for what is recorded during a call: the call is the collection point. */
export function callProvenance(
  subjectId: string,
  callId: string,
  actor: 'agent' | 'subject',
  write: WriteContext,
): CommandProvenance {
  return {
    subjectId,
    actor: { type: actor },
    source: { collectionPoint: `call:${callId}`, method: 'phone_call', client: write.principal.name },
  };
}
