import { Body, Param, Post } from '@nestjs/common';
import { ApiCreatedResponse } from '@nestjs/swagger';
import { ApiResource } from '../../http/api-resource';
import { Write, type WriteContext } from '../../writes/write-context';
import { RequestIdParam } from '../rights-request.dto';
import { CompleteRightsRequestBody } from './complete-rights-request.dto';
import { CompleteRightsRequestHandler } from './complete-rights-request.handler';

@ApiResource('rights-requests', 'v1/rights-requests')
export class CompleteRightsRequestController {
  constructor(private readonly handler: CompleteRightsRequestHandler) {}

  @Post(':requestId/completion')
  @ApiCreatedResponse({ description: '{requestId, status, eventId, position}' })
  complete(
    @Param() path: RequestIdParam,
    @Body() _body: CompleteRightsRequestBody,
    @Write() write: WriteContext,
  ) {
    return this.handler.execute(path.requestId, write);
  }
}
