import { Inject, Injectable } from '@nestjs/common';
import type { LedgerConfig } from '@ledger/config';
import { decide, evidenceOf, type DecisionLog, type LoggedDecision, type Policy } from '@ledger/domain';
import { LedgerMetrics } from '../../metrics/ledger-metrics';
import { readConsistency } from '../../read-side/consistent-with';
import { SubjectReader } from '../../read-side/subject-reader';
import type { Clock, IdGenerator } from '../../runtime';
import { CLOCK, DECISION_LOG, ID_GENERATOR, LEDGER_CONFIG, POLICY } from '../../tokens';
import { decisionQuery } from '../decision-question.dto';
import type { DecisionBody, DecisionDto } from './decide.dto';

const DAY_MS = 86_400_000;

/**
 * May we, for this person, now (or as of a past instant)? From read models that include every
 * restrictive write acknowledged about them (and more, at the level asked); kept in the
 * decision log (all, a sample, none) to be explained later.
 */
@Injectable()
export class DecideHandler {
  constructor(
    private readonly subjects: SubjectReader,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly metrics: LedgerMetrics,
    @Inject(POLICY) private readonly policy: Policy,
    @Inject(ID_GENERATOR) private readonly ids: IdGenerator,
    @Inject(DECISION_LOG) private readonly log: DecisionLog,
    @Inject(LEDGER_CONFIG) private readonly config: LedgerConfig,
  ) {}

  async execute(body: DecisionBody): Promise<DecisionDto> {
    const now = this.clock.now().toISOString();
    const query = decisionQuery(body, now);
    const { record, consistency } = await this.subjects.read(body.subject, query.at, readConsistency(body));
    const decision = decide(this.policy, record, query);
    const { purpose, channel } = query;
    this.metrics.decisions.inc({
      purpose,
      channel,
      allowed: String(decision.allowed),
      reason: decision.reason,
    });
    const decisionId = this.ids.eventId();
    const logged = this.keeps();
    if (logged) {
      const entry: LoggedDecision = {
        decisionId,
        decidedAt: now,
        subject: {
          subjectId: record?.subjectId ?? body.subject.subjectId ?? null,
          askedBy:
            body.subject.subjectId !== undefined
              ? 'subjectId'
              : body.subject.email !== undefined
                ? 'email'
                : 'phone',
        },
        question: query,
        answer: decision,
        evidence: evidenceOf(decision, record),
        expiresAt: new Date(Date.parse(now) + this.config.proof.decisionLog.keepDays * DAY_MS).toISOString(),
      };
      // Before the answer: a decision said to be logged can be explained.
      await this.log.save(entry);
    }
    return { ...decision, decidedAt: now, decisionId, logged, consistency };
  }

  private keeps(): boolean {
    const { mode, sampleRate } = this.config.proof.decisionLog;
    return mode === 'all' || (mode === 'sampled' && Math.random() < sampleRate);
  }
}
