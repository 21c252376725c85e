import type { TransferredContact } from '../partner-transfers/partner-transfer-recorded';
import type { SubjectRecord } from '../subjects/subject-record';
import type { Channel, Partner } from '../vocabulary/purposes';
import { decide } from './decide';
import { policyInForce, type Policy } from './policy';

/** A contact the caller wants to send, as found in the ledger (or not: a null record). */
export interface TransferCandidate {
  ref: Record<string, string>;
  subjectId: string | null;
  record: SubjectRecord | null;
  /** A restrictive write about them is acknowledged but not in the read models yet: never sent. */
  pending?: boolean;
}

export interface TransferSelection {
  /** The version in force at the decision instant: every contact was decided under it. */
  policy: { id: string; version: string };
  sent: TransferredContact[];
  counts: { requested: number; sent: number; refused: Record<string, number> };
}

/**
 * Which contacts may be handed to a partner on a channel at `at`: each is the decision a batch
 * line asking `partner_transfer` for that partner would get, with its evidence kept as proof.
 */
export function selectForTransfer(
  policy: Policy,
  candidates: TransferCandidate[],
  scope: { partner: Partner; channel: Channel; at: string },
): TransferSelection {
  const sent: TransferredContact[] = [];
  const refused: Record<string, number> = {};
  const query = { purpose: 'partner_transfer' as const, ...scope };
  for (const { ref, subjectId, record, pending } of candidates) {
    if (pending) {
      refused.restrictive_write_pending = (refused.restrictive_write_pending ?? 0) + 1;
      continue;
    }
    const decision = decide(policy, record, query);
    if (decision.allowed) sent.push({ ref, subjectId, reason: decision.reason, evidence: decision.evidence });
    else refused[decision.reason] = (refused[decision.reason] ?? 0) + 1;
  }
  const { id, version } = policyInForce(policy, scope.at);
  return {
    policy: { id, version },
    sent,
    counts: { requested: candidates.length, sent: sent.length, refused },
  };
}
