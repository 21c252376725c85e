import { Inject, Injectable } from '@nestjs/common';
import type { DecisionLog } from '@ledger/domain';
import { DEFAULT_PAGE, type PageQuery } from '../../http/page-query';
import { DECISION_LOG } from '../../tokens';

/** What the ledger answered about a person, the latest first: each one explained by its id. */
@Injectable()
export class ListSubjectDecisionsHandler {
  constructor(@Inject(DECISION_LOG) private readonly log: DecisionLog) {}

  async execute(subjectId: string, query: PageQuery) {
    const limit = query.limit ?? DEFAULT_PAGE;
    const page = await this.log.ofSubject(subjectId, limit, query.cursor);
    return {
      subjectId,
      decisions: page.decisions,
      ...(page.next
        ? {
            next: `/v1/subjects/${encodeURIComponent(subjectId)}/decisions?limit=${limit}&cursor=${page.next}`,
          }
        : {}),
    };
  }
}
