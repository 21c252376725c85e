import { Inject, Injectable } from '@nestjs/common';
import {
  LedgerError,
  POST_MORTEM_DIRECTIVES_RECORDED,
  subjectState,
  type Policy,
  type PostMortemDirectivesData,
  type SubjectRecord,
} from '@ledger/domain';
import type { Principal } from '../../auth/principal';
import type { Scope } from '../../auth/scopes';
import { readConsistency, type SubjectReadQuery } from '../../read-side/consistent-with';
import { SubjectReader } from '../../read-side/subject-reader';
import type { Clock } from '../../runtime';
import { CLOCK, POLICY } from '../../tokens';
import { maskIdentifiers } from './mask-identifiers';
import { PersonalDataReader } from '../../read-side/personal-data-reader';

/** Who sees contact data in clear: those who handle rights requests, and the DPO console. */
const IDENTIFIER_SCOPES: readonly Scope[] = ['rights:manage', 'console', 'admin'];
const canSeeIdentifiers = (principal: Principal): boolean =>
  IDENTIFIER_SCOPES.some((scope) => principal.scopes.includes(scope));

/** A subject as the policy sees them now: identity, and every purpose × channel with its reason. */
@Injectable()
export class GetSubjectStateHandler {
  constructor(
    private readonly subjects: SubjectReader,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(POLICY) private readonly policy: Policy,
    private readonly personalData: PersonalDataReader,
  ) {}

  async execute(subjectId: string, query: SubjectReadQuery, principal: Principal) {
    const at = this.clock.now().toISOString();
    const { record, consistency } = await this.subjects.read({ subjectId }, at, readConsistency(query));
    if (!record) throw new LedgerError('not_found', `Nothing is recorded about subject ${subjectId}`);
    const { policy, states } = subjectState(this.policy, record, at);
    const identifiers = await this.personalData.identifiers(subjectId, record.identifiers);
    const directives = canSeeIdentifiers(principal) ? await this.directives(record) : undefined;
    return {
      subjectId,
      kind: record.kind,
      ...(record.erasedAt !== undefined ? { erasedAt: record.erasedAt } : {}),
      // Contact data is for those who handle rights requests; others see it masked.
      ...(canSeeIdentifiers(principal)
        ? { identifiers }
        : { identifiers: maskIdentifiers(identifiers), identifiersMasked: true }),
      ...(directives ? { postMortemDirectives: directives } : {}),
      asOf: at,
      policy,
      states,
      consistency,
    };
  }

  /** The latest post-mortem directives, readable (for those who handle rights requests). */
  private async directives(record: SubjectRecord) {
    const latest = record.retained.filter((entry) => entry.type === POST_MORTEM_DIRECTIVES_RECORDED).at(-1);
    if (!latest) return undefined;
    const { data } = await this.personalData.event({ ...latest, subjectId: record.subjectId });
    const { directives, designee } = data as PostMortemDirectivesData;
    return {
      directives,
      ...(designee !== undefined ? { designee } : {}),
      recordedAt: latest.recordedAt,
      eventId: latest.id,
    };
  }
}
