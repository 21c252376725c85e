import { Injectable } from '@nestjs/common';
import { ActiveReadModels } from '../../read-side/active-read-models';
import { tokensOf } from '../../read-side/consistent-with';
import { ReadModelFreshness } from '../../read-side/read-model-freshness';
import type { DueRecordingsQuery } from './list-due-recordings.dto';

/** What the call centre must destroy by a date: recordings and analysis grids, earliest first. */
@Injectable()
export class ListDueRecordingsHandler {
  constructor(
    private readonly readModels: ActiveReadModels,
    private readonly freshness: ReadModelFreshness,
  ) {}

  async execute(query: DueRecordingsQuery) {
    await this.freshness.ensureFresh(tokensOf(query.consistentWith));
    const before = new Date(query.before).toISOString();
    const limit = query.limit ?? 100;
    const page = await (await this.readModels.stores()).recordings.dueBefore(before, limit, query.cursor);
    const next = page.next
      ? `/v1/recordings/due-for-destruction?before=${encodeURIComponent(before)}&limit=${limit}&cursor=${page.next}`
      : undefined;
    return { before, recordings: page.due, ...(next ? { next } : {}) };
  }
}
