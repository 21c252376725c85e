import type { Decision, DecisionQuery } from '../policy/decide';
import { policyInForce, type ChannelRule, type Policy } from '../policy/policy';
import { PERSONAL_FIELDS } from '../personal-data/personal-fields';
import type { HistoryEntry } from '../subjects/history-entry';

/** An event a decision rested on, as the decision log keeps it: provenance, place, link; no personal value. */
export interface EvidenceEntry {
  eventId: string;
  type: string;
  occurredAt: string;
  recordedAt: string;
  source: HistoryEntry['source'];
  actor: HistoryEntry['actor'];
  position: { partition: number; offset: string };
  chainHash?: string;
  notice?: { id: string; version: string };
  proofType?: string;
  /** The event's data when its type carries no personal field (a consent's scope, an opposition's). */
  data?: unknown;
  /** Inherited from an erased person who used the same identifier (suppression list). */
  inherited?: true;
}

/** A decision kept to be explained later (GET /v1/decisions/{id}). */
export interface LoggedDecision {
  decisionId: string;
  decidedAt: string;
  /** Who was asked about: the subject id the ledger resolved (never the email or phone asked with). */
  subject: { subjectId: string | null; askedBy: 'subjectId' | 'email' | 'phone' | 'memberNumber' };
  question: DecisionQuery;
  answer: Decision;
  evidence: EvidenceEntry[];
  /** When the retention worker deletes it. */
  expiresAt: string;
}

/** The events of a subject's record that an answer cites, in the form the decision log keeps. */
export function evidenceOf(
  decision: Decision,
  entries: { retained: HistoryEntry[]; inherited?: HistoryEntry[] } | null,
): EvidenceEntry[] {
  if (!entries) return [];
  const cited = new Set(decision.evidence);
  const inherited = new Set((entries.inherited ?? []).map((entry) => entry.id));
  return [...entries.retained, ...(entries.inherited ?? [])]
    .filter((entry) => cited.has(entry.id))
    .map((entry) => ({
      eventId: entry.id,
      type: entry.type,
      occurredAt: entry.occurredAt,
      recordedAt: entry.recordedAt,
      source: entry.source,
      actor: entry.actor,
      position: entry.position,
      ...(entry.chain ? { chainHash: entry.chain.hash } : {}),
      ...(entry.notice ? { notice: entry.notice } : {}),
      ...(entry.proof ? { proofType: entry.proof.type } : {}),
      ...(PERSONAL_FIELDS.has(entry.type) ? {} : { data: entry.data }),
      ...(inherited.has(entry.id) ? { inherited: true as const } : {}),
    }));
}

/** The policy version and rule that were in force for the question, as the ledger knew them then. */
export function rulesInForce(
  policy: Policy,
  question: DecisionQuery,
): {
  policy: { id: string; version: string; effectiveFrom: string; adoptedAt?: string };
  rule: ChannelRule | null;
} {
  const version = policyInForce(policy, question.at);
  const byChannel = version.rules[question.purpose as keyof typeof version.rules] as
    Partial<Record<string, ChannelRule>> | undefined;
  return {
    policy: {
      id: version.id,
      version: version.version,
      effectiveFrom: version.effectiveFrom,
      ...(version.adoptedAt !== undefined ? { adoptedAt: version.adoptedAt } : {}),
    },
    rule: byChannel?.[question.channel] ?? null,
  };
}
