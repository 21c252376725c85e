import { Inject, Injectable } from '@nestjs/common';
import { decide, type Policy } from '@ledger/domain';
import { LedgerMetrics } from '../../metrics/ledger-metrics';
import { tokensOf } from '../../read-side/consistent-with';
import { ReadModelFreshness } from '../../read-side/read-model-freshness';
import { SubjectReader } from '../../read-side/subject-reader';
import type { Clock } from '../../runtime';
import { CLOCK, POLICY } from '../../tokens';
import { decisionQuery } from '../decision-question.dto';
import type { DecisionBody, DecisionDto } from './decide.dto';

/** May we, for this person, now (or as of a past instant)? From read models that include every acknowledged write. */
@Injectable()
export class DecideHandler {
  constructor(
    private readonly subjects: SubjectReader,
    private readonly freshness: ReadModelFreshness,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly metrics: LedgerMetrics,
    @Inject(POLICY) private readonly policy: Policy,
  ) {}

  async execute(body: DecisionBody): Promise<DecisionDto> {
    const now = this.clock.now().toISOString();
    const query = decisionQuery(body, now);
    await this.freshness.ensureFresh(tokensOf(body.consistentWith));
    const { record } = await this.subjects.resolve(body.subject, query.at);
    const decision = decide(this.policy, record, query);
    const { purpose, channel } = query;
    this.metrics.decisions.inc({
      purpose,
      channel,
      allowed: String(decision.allowed),
      reason: decision.reason,
    });
    return { ...decision, decidedAt: now };
  }
}
