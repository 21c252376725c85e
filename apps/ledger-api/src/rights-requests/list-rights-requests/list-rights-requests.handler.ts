import { Inject, Injectable } from '@nestjs/common';
import { urgency, type RightsRequest } from '@ledger/domain';
import { ActiveReadModels } from '../../read-side/active-read-models';
import { tokensOf } from '../../read-side/consistent-with';
import { ReadModelFreshness } from '../../read-side/read-model-freshness';
import type { Clock } from '../../runtime';
import { CLOCK } from '../../tokens';
import type { RightsBoardQuery } from './list-rights-requests.dto';
import { PersonalDataReader } from '../../read-side/personal-data-reader';

/** The DPO's board: requests sorted by deadline, each marked overdue or due soon. */
@Injectable()
export class ListRightsRequestsHandler {
  constructor(
    private readonly readModels: ActiveReadModels,
    private readonly freshness: ReadModelFreshness,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly personalData: PersonalDataReader,
  ) {}

  async execute(query: RightsBoardQuery) {
    await this.freshness.ensureFresh(tokensOf(query.consistentWith));
    const now = this.clock.now();
    const view = query.view ?? 'open';
    const days = query.days ?? 7;
    const limit = query.limit ?? 100;
    const dueBy =
      view === 'overdue'
        ? now.toISOString()
        : view === 'due_soon'
          ? new Date(now.getTime() + days * 86_400_000).toISOString()
          : undefined;
    const status: RightsRequest['status'] | undefined =
      view === 'all' ? undefined : view === 'closed' ? undefined : 'open';
    const page = await (
      await this.readModels.stores()
    ).rightsRequests.list(
      {
        ...(status ? { status } : {}),
        ...(query.type ? { type: query.type } : {}),
        ...(dueBy ? { dueBy } : {}),
      },
      limit,
      query.cursor,
    );
    const requests = await Promise.all(
      page.requests
        .filter((request) => view !== 'closed' || request.status !== 'open')
        .map(async (request) => ({
          ...(await this.personalData.rightsRequest(request)),
          urgency: urgency(request, now.toISOString(), days) ?? null,
        })),
    );
    const params = new URLSearchParams({
      view,
      days: String(days),
      limit: String(limit),
      ...(query.type ? { type: query.type } : {}),
    });
    return {
      asOf: now.toISOString(),
      requests,
      ...(page.next ? { next: `/v1/rights-requests?${params.toString()}&cursor=${page.next}` } : {}),
    };
  }
}
