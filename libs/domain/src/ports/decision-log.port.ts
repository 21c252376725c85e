import type { LoggedDecision } from '../decision-log/logged-decision';

/** A logged decision as a list shows it; its evidence and rules are read by its id. */
export type DecisionSummary = Pick<LoggedDecision, 'decisionId' | 'decidedAt' | 'subject' | 'question'> & {
  answer: Pick<LoggedDecision['answer'], 'allowed' | 'reason'>;
};

/** Where decisions are kept to be explained later; deleted past their retention by the worker. */
export interface DecisionLog {
  save(decision: LoggedDecision): Promise<void>;
  find(decisionId: string): Promise<LoggedDecision | undefined>;
  /** Decisions about one subject, the latest first, a page at a time (question and answer only). */
  ofSubject(
    subjectId: string,
    limit: number,
    cursor?: string,
  ): Promise<{ decisions: DecisionSummary[]; next?: string }>;
  /** Deletes every decision whose retention ended by `now`; how many went. */
  purgeExpired(now: string): Promise<number>;
}
