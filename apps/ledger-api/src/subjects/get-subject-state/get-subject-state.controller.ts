import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import {
  CHANNELS,
  decide,
  LedgerError,
  PARTNERS,
  PURPOSES,
  type Decision,
  type DecisionQuery,
  type Policy,
} from '@ledger/domain';
import { ReadQuery, tokensOf } from '../../read-side/consistent-with';
import { ReadModelFreshness } from '../../read-side/read-model-freshness';
import { SubjectReader } from '../../read-side/subject-reader';
import type { Clock } from '../../runtime';
import { CLOCK, POLICY } from '../../tokens';
import { SubjectIdParam } from '../../http/subject-id.param';
import { CurrentPrincipal, type Principal } from '../../auth/principal';
import { maskIdentifiers } from './mask-identifiers';

const canSeeIdentifiers = (principal: Principal): boolean =>
  principal.scopes.includes('rights:manage') || principal.scopes.includes('admin');

interface StateLine extends Omit<Decision, 'policy'> {
  purpose: string;
  channel: string;
  partner?: string;
  /** When the event this state rests on occurred; absent for a default. */
  since?: string;
}

/** Every purpose × channel (× partner for transfers) with what the policy says about it now. */
const QUERIES: Array<Omit<DecisionQuery, 'at'>> = PURPOSES.flatMap((purpose) =>
  CHANNELS.flatMap((channel): Array<Omit<DecisionQuery, 'at'>> =>
    purpose === 'partner_transfer'
      ? PARTNERS.map((partner) => ({ purpose, channel, partner }))
      : [{ purpose, channel }],
  ),
);

@ApiTags('subjects')
@ApiBearerAuth()
@Controller('v1/subjects')
export class GetSubjectStateController {
  constructor(
    private readonly subjects: SubjectReader,
    private readonly freshness: ReadModelFreshness,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(POLICY) private readonly policy: Policy,
  ) {}

  @Get(':subjectId')
  async state(
    @Param() { subjectId }: SubjectIdParam,
    @Query() query: ReadQuery,
    @CurrentPrincipal() principal: Principal,
  ) {
    await this.freshness.ensureFresh(tokensOf(query.consistentWith));
    const at = this.clock.now().toISOString();
    const { record } = await this.subjects.resolve({ subjectId }, at);
    if (!record) throw new LedgerError('not_found', `Nothing is recorded about subject ${subjectId}`);
    const decisions = QUERIES.map((query) => ({
      query,
      decision: decide(this.policy, record, { ...query, at }),
    }));
    const occurredAt = new Map(record.retained.map((entry) => [entry.id, entry.occurredAt]));
    const states: StateLine[] = decisions.map(({ query, decision: { policy: _policy, ...decision } }) => {
      const since = decision.evidence.length > 0 ? occurredAt.get(decision.evidence[0]) : undefined;
      return { ...query, ...decision, ...(since !== undefined ? { since } : {}) };
    });
    return {
      subjectId,
      kind: record.kind,
      // Contact data is for those who handle rights requests; others see it masked.
      ...(canSeeIdentifiers(principal)
        ? { identifiers: record.identifiers }
        : { identifiers: maskIdentifiers(record.identifiers), identifiersMasked: true }),
      asOf: at,
      policy: decisions[0]?.decision.policy,
      states,
    };
  }
}
