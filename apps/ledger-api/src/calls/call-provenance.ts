import type { CommandProvenance } from '@ledger/domain';
import type { WriteContext } from '../writes/write-context';

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
