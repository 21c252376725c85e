import { Injectable } from '@nestjs/common';
import { ActiveReadModels } from '../../read-side/active-read-models';
import type { TransferListQuery } from './list-partner-transfers.dto';

/** Partner transfers, newest first, without their lists: each manifest is read by its id. */
@Injectable()
export class ListPartnerTransfersHandler {
  constructor(private readonly readModels: ActiveReadModels) {}

  async execute(query: TransferListQuery) {
    const limit = query.limit ?? 50;
    const page = await (await this.readModels.stores()).partnerTransfers.list(limit, query.cursor);
    return {
      transfers: page.transfers,
      ...(page.next ? { next: `/v1/partner-transfers?limit=${limit}&cursor=${page.next}` } : {}),
    };
  }
}
