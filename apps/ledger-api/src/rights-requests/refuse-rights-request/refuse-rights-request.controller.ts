import { Body, Param, Post } from '@nestjs/common';
import { ApiCreatedResponse } from '@nestjs/swagger';
import { ApiResource } from '../../http/api-resource';
import { Write, type WriteContext } from '../../writes/write-context';
import { RequestIdParam } from '../rights-request.dto';
import { RefuseRightsRequestBody } from './refuse-rights-request.dto';
import { RefuseRightsRequestHandler } from './refuse-rights-request.handler';

@ApiResource('rights-requests', 'v1/rights-requests')
export class RefuseRightsRequestController {
  constructor(private readonly handler: RefuseRightsRequestHandler) {}

  @Post(':requestId/refusal')
  @ApiCreatedResponse({ description: '{requestId, status, eventId, position}' })
  refuse(@Param() path: RequestIdParam, @Body() body: RefuseRightsRequestBody, @Write() write: WriteContext) {
    return this.handler.execute(path.requestId, body, write);
  }
}
