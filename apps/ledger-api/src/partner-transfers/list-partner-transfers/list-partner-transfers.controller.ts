import { Get, Query } from '@nestjs/common';
import { ApiResource } from '../../http/api-resource';
import { PageQuery } from '../../http/page-query';
import { ListPartnerTransfersHandler } from './list-partner-transfers.handler';

@ApiResource('partner-transfers', 'v1/partner-transfers')
export class ListPartnerTransfersController {
  constructor(private readonly handler: ListPartnerTransfersHandler) {}

  @Get()
  list(@Query() query: PageQuery) {
    return this.handler.execute(query);
  }
}
