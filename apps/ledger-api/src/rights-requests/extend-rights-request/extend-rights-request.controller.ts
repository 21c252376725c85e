import { Body, Param, Post } from '@nestjs/common';
import { ApiCreatedResponse } from '@nestjs/swagger';
import { ApiResource } from '../../http/api-resource';
import { Write, type WriteContext } from '../../writes/write-context';
import { RequestIdParam } from '../rights-request.dto';
import { ExtendRightsRequestBody } from './extend-rights-request.dto';
import { ExtendRightsRequestHandler } from './extend-rights-request.handler';

@ApiResource('rights-requests', 'v1/rights-requests')
export class ExtendRightsRequestController {
  constructor(private readonly handler: ExtendRightsRequestHandler) {}

  @Post(':requestId/extension')
  @ApiCreatedResponse({ description: '{requestId, dueAt, eventId, position}' })
  extend(@Param() path: RequestIdParam, @Body() body: ExtendRightsRequestBody, @Write() write: WriteContext) {
    return this.handler.execute(path.requestId, body, write);
  }
}
