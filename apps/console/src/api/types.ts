/** The API's answers as the console reads them (the OpenAPI document at /openapi.json is the reference). */

export interface FoundSubject {
  subjectId: string;
  kind: string;
  eventCount: number;
  erasedAt?: string;
}

export interface HistoryEvent {
  id: string;
  type: string;
  schemaVersion: number;
  occurredAt: string;
  recordedAt: string;
  actor: { type: string; id?: string };
  source: { collectionPoint: string; method: string; client: string };
  notice?: { id: string; version: string };
  proof?: { type: string; ref: string };
  data: Record<string, unknown> | null;
  chain?: { previous: string; hash: string };
  position: string;
}

export interface HistoryPage {
  subjectId: string;
  eventCount: number;
  from: number;
  events: HistoryEvent[];
  next?: string;
}

export interface PurposeState {
  purpose: string;
  channel: string;
  partner?: string;
  allowed: boolean;
  reason: string;
}

export interface SubjectState {
  subjectId: string;
  kind: string;
  erasedAt?: string;
  identifiers: Record<string, unknown>;
  asOf: string;
  policy: { id: string; version: string };
  states: PurposeState[];
}

export interface DecisionAnswer {
  allowed: boolean;
  reason: string;
  decisionId: string;
  logged: boolean;
}

export interface ExplainedDecision {
  decisionId: string;
  decidedAt: string;
  question: Record<string, unknown>;
  answer: { allowed: boolean; reason: string };
  policy?: { id: string; version: string };
  rules?: unknown;
  evidence?: unknown[];
  [field: string]: unknown;
}

export interface RightsRequestRow {
  requestId: string;
  subjectId: string;
  type: string;
  status: string;
  receivedAt: string;
  dueAt: string;
  urgency: 'overdue' | 'due_soon' | null;
}

export interface RightsBoard {
  asOf: string;
  requests: RightsRequestRow[];
  next?: string;
}

export interface TransferSummary {
  transferId: string;
  partner: string;
  channel: string;
  policy: { id: string; version: string };
  decidedAt: string;
  counts: { requested: number; sent: number; refused: Record<string, number> };
  listHash: string;
  recordedBy: string;
}

export interface TransferManifest extends TransferSummary {
  sent: Array<{ ref: Record<string, string>; subjectId: string | null; reason: string; evidence: string[] }>;
}

export interface TransferList {
  transfers: TransferSummary[];
  next?: string;
}

export interface ChoiceStatistics {
  from: string;
  to: string;
  days: string[];
  counts: Array<{ day: string; type: string; purpose: string; channel: string; count: number }>;
}

export interface HealthAnswer {
  status: string;
  checks: {
    readSide: { status: string; maxLagMs: number; partitions: Array<{ partition: number; lagMs: number }> };
  };
}

export interface DecisionList {
  subjectId: string;
  decisions: Array<{
    decisionId: string;
    decidedAt: string;
    question: { purpose: string; channel: string; partner?: string; at?: string };
    answer: { allowed: boolean; reason: string };
  }>;
  next?: string;
}
