import { Injectable } from '@nestjs/common';
import { ActiveReadModels } from '../../read-side/active-read-models';
import { DEFAULT_PAGE, type PageQuery } from '../../http/page-query';

/** Partner transfers, newest first, without their lists: each manifest is read by its id. */
@Injectable()
export class ListPartnerTransfersHandler {
  constructor(private readonly readModels: ActiveReadModels) {}

  async execute(query: PageQuery) {
    const limit = query.limit ?? DEFAULT_PAGE;
    const page = await (await this.readModels.stores()).partnerTransfers.list(limit, query.cursor);
    return {
      transfers: page.transfers,
      ...(page.next ? { next: `/v1/partner-transfers?limit=${limit}&cursor=${page.next}` } : {}),
    };
  }
}
