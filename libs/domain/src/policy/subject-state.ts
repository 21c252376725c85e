import type { SubjectRecord } from '../subjects/subject-record';
import { CHANNELS, PARTNERS, PURPOSES } from '../vocabulary/purposes';
import { decide, type Decision, type DecisionQuery } from './decide';
import { policyInForce, type Policy } from './policy';

/** One cell of a subject's state: a purpose on a channel (for a partner) and what the policy says. */
export interface StateLine extends Omit<Decision, 'policy'> {
  purpose: string;
  channel: string;
  partner?: string;
  /** When the event this state rests on occurred; absent for a default. */
  since?: string;
}

/** Every purpose × channel (× partner for transfers) a person's state is shown for. */
const STATE_QUERIES: Array<Omit<DecisionQuery, 'at'>> = PURPOSES.flatMap((purpose) =>
  CHANNELS.flatMap((channel): Array<Omit<DecisionQuery, 'at'>> =>
    purpose === 'partner_transfer'
      ? PARTNERS.map((partner) => ({ purpose, channel, partner }))
      : [{ purpose, channel }],
  ),
);

/** The whole grid of what the policy says about a subject at `at`, each cell dated by its evidence. */
export function subjectState(
  policy: Policy,
  record: SubjectRecord,
  at: string,
): { policy: { id: string; version: string }; states: StateLine[] } {
  const occurredAt = new Map(record.retained.map((entry) => [entry.id, entry.occurredAt]));
  const states = STATE_QUERIES.map((query): StateLine => {
    const { policy: _policy, ...decision } = decide(policy, record, { ...query, at });
    const since = decision.evidence.length > 0 ? occurredAt.get(decision.evidence[0]) : undefined;
    return { ...query, ...decision, ...(since !== undefined ? { since } : {}) };
  });
  const { id, version } = policyInForce(policy, at);
  return { policy: { id, version }, states };
}
