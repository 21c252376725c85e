import { Inject, Injectable } from '@nestjs/common';
import { countChoicesByDay, type RecordedChoice } from '@ledger/domain';
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
    const choices: RecordedChoice[] = [];
    for await (const choice of (await this.readModels.stores()).history.choicesRecorded(from, to)) {
      choices.push(choice);
    }
    return {
      from,
      to,
      days: Array.from({ length: days }, (_, i) =>
        new Date(end - (days - i) * DAY_MS).toISOString().slice(0, 10),
      ),
      counts: countChoicesByDay(choices),
    };
  }
}
