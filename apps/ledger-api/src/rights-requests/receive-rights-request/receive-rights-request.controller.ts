import { Body, Post } from '@nestjs/common';
import { ApiCreatedResponse } from '@nestjs/swagger';
import { ApiResource } from '../../http/api-resource';
import { Write, type WriteContext } from '../../writes/write-context';
import { ReceiveRightsRequestBody } from './receive-rights-request.dto';
import { ReceiveRightsRequestHandler } from './receive-rights-request.handler';

@ApiResource('rights-requests', 'v1/rights-requests')
export class ReceiveRightsRequestController {
  constructor(private readonly handler: ReceiveRightsRequestHandler) {}

  @Post()
  @ApiCreatedResponse({ description: '{requestId, dueAt, eventId, position}' })
  receive(@Body() body: ReceiveRightsRequestBody, @Write() write: WriteContext) {
    return this.handler.execute(body, write);
  }
}
