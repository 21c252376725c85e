import { Inject, Injectable } from '@nestjs/common';
import type { LedgerConfig } from '@ledger/config';
import { encodePositionToken } from '@ledger/contracts';
import { decide, LedgerError, rulesInForce, type DecisionLog, type Policy } from '@ledger/domain';
import { SubjectReader } from '../../read-side/subject-reader';
import { DECISION_LOG, LEDGER_CONFIG, POLICY } from '../../tokens';
import type { ExplainedDecisionDto } from './explain-decision.dto';

/**
 * Explains a logged decision: the question, the answer, the rules the ledger had in force at the
 * instant asked about, the evidence events (with their chain hashes, to check against the log),
 * and the same question asked again, which as-of reads must answer the same way.
 */
@Injectable()
export class ExplainDecisionHandler {
  constructor(
    @Inject(DECISION_LOG) private readonly log: DecisionLog,
    @Inject(POLICY) private readonly policy: Policy,
    @Inject(LEDGER_CONFIG) private readonly config: LedgerConfig,
    private readonly subjects: SubjectReader,
  ) {}

  async execute(decisionId: string): Promise<ExplainedDecisionDto> {
    const logged = await this.log.find(decisionId);
    if (!logged) {
      const { mode, keepDays } = this.config.proof.decisionLog;
      throw new LedgerError(
        'not_found',
        `No decision ${decisionId} is kept: the decision log keeps ${mode === 'all' ? 'every decision' : mode === 'sampled' ? 'a sample of decisions' : 'no decision'} for ${keepDays} days`,
      );
    }
    const { question, answer, subject } = logged;
    const reproduced =
      subject.subjectId === null
        ? undefined
        : decide(
            this.policy,
            (await this.subjects.resolve({ subjectId: subject.subjectId }, question.at)).record,
            question,
          );
    return {
      decisionId: logged.decisionId,
      decidedAt: logged.decidedAt,
      subject,
      question: { ...question },
      asOf: Date.parse(question.at) < Date.parse(logged.decidedAt),
      answer: { ...answer },
      rulesInForce: rulesInForce(this.policy, question),
      evidence: logged.evidence.map(({ position, ...entry }) => ({
        ...entry,
        position: encodePositionToken(position),
      })),
      ...(reproduced
        ? {
            reproduced: {
              allowed: reproduced.allowed,
              reason: reproduced.reason,
              matches: reproduced.allowed === answer.allowed && reproduced.reason === answer.reason,
            },
          }
        : {}),
      expiresAt: logged.expiresAt,
    };
  }
}
