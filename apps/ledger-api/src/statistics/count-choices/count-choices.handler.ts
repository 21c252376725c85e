import { Inject, Injectable } from '@nestjs/common';
import { ChoiceCounter } from '@ledger/domain';
import { ActiveReadModels } from '../../read-side/active-read-models';
import type { Clock } from '../../runtime';
import { CLOCK } from '../../tokens';
import type { ChoiceStatisticsQuery } from './count-choices.dto';

const DAY_MS = 86_400_000;

/** Consents and oppositions recorded per UTC day over the last `days` days (today included). */
@Injectable()
export class CountChoicesHandler {
  constructor(
    private readonly readModels: ActiveReadModels,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute(query: ChoiceStatisticsQuery) {
    const days = query.days ?? 30;
    const now = this.clock.now().getTime();
    const end = Math.floor(now / DAY_MS) * DAY_MS + DAY_MS;
    const from = new Date(end - days * DAY_MS).toISOString();
    const to = new Date(end).toISOString();
    // Counted as the scan streams: memory holds the rows, never the window's choices.
    const counter = new ChoiceCounter();
    for await (const choice of (await this.readModels.stores()).history.choicesRecorded(from, to)) {
      counter.add(choice);
    }
    return {
      from,
      to,
      days: Array.from({ length: days }, (_, i) =>
        new Date(end - (days - i) * DAY_MS).toISOString().slice(0, 10),
      ),
      counts: counter.rows(),
    };
  }
}
