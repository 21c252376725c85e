import { Get, Query } from '@nestjs/common';
import { ApiResource } from '../../http/api-resource';
import { RightsBoardQuery } from './list-rights-requests.dto';
import { ListRightsRequestsHandler } from './list-rights-requests.handler';

@ApiResource('rights-requests', 'v1/rights-requests')
export class ListRightsRequestsController {
  constructor(private readonly handler: ListRightsRequestsHandler) {}

  @Get()
  board(@Query() query: RightsBoardQuery) {
    return this.handler.execute(query);
  }
}
