import { Get, Query } from '@nestjs/common';
import { ApiResource } from '../../http/api-resource';
import { TransferListQuery } from './list-partner-transfers.dto';
import { ListPartnerTransfersHandler } from './list-partner-transfers.handler';

@ApiResource('partner-transfers', 'v1/partner-transfers')
export class ListPartnerTransfersController {
  constructor(private readonly handler: ListPartnerTransfersHandler) {}

  @Get()
  list(@Query() query: TransferListQuery) {
    return this.handler.execute(query);
  }
}
