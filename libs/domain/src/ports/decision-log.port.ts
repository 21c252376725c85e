import type { LoggedDecision } from '../decision-log/logged-decision';

/** Where decisions are kept to be explained later; deleted past their retention by the worker. */
export interface DecisionLog {
  save(decision: LoggedDecision): Promise<void>;
  find(decisionId: string): Promise<LoggedDecision | undefined>;
  /** Deletes every decision whose retention ended by `now`; how many went. */
  purgeExpired(now: string): Promise<number>;
}
