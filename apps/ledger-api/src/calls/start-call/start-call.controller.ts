import { Body, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOkResponse } from '@nestjs/swagger';
import { ApiResource } from '../../http/api-resource';
import { Write, type WriteContext } from '../../writes/write-context';
import { CallIdParam } from '../call.dto';
import { StartCallBody } from './start-call.dto';
import { StartCallHandler } from './start-call.handler';

const ANSWER =
  '{canvassing?, recording: {quality, canvassing?}}, each {allowed, reason}; when the call may start, the eventId and position of its record';

@ApiResource('calls', 'v1/calls')
export class StartCallController {
  constructor(private readonly handler: StartCallHandler) {}

  /** Before the call connects: may it be recorded, and may it be a canvassing call at all? */
  @Post(':callId/start')
  @HttpCode(200)
  @ApiOkResponse({ description: ANSWER })
  start(@Param() path: CallIdParam, @Body() body: StartCallBody, @Write() write: WriteContext) {
    return this.handler.execute(path.callId, body, write);
  }
}
