import { CALL_ATTEMPT_RECORDED } from '../calls/call-attempt-recorded';
import { PARTNER_TRANSFER_RECORDED } from '../partner-transfers/partner-transfer-recorded';
import type { LedgerEvent } from './ledger-event';
import { isPurge } from '../rights/subject-erased';

/**
 * Writes answered only once the read models include them: what is recorded during a call (the
 * agent's very next step reads it back) and a partner transfer (its answer is the manifest as
 * recorded). Every other write is effective when acknowledged: each later read waits for it.
 */
export function appliedBeforeAnswer(event: LedgerEvent): boolean {
  return (
    event.type === CALL_ATTEMPT_RECORDED ||
    event.type === PARTNER_TRANSFER_RECORDED ||
    // A rights request's step answers once the DPO's board shows it (the next step reads it).
    event.type.startsWith('RightsRequest') ||
    // An erasure answers once the person's key is destroyed and the read models purged.
    isPurge(event) ||
    event.source.method === 'phone_call'
  );
}
