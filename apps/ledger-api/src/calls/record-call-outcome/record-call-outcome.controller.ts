import { Body, Param } from '@nestjs/common';
import { ApiResource, RecordsEvent } from '../../http/api-resource';
import { Write, type WriteContext } from '../../writes/write-context';
import { CallIdParam } from '../call.dto';
import { CallOutcomeBody } from './record-call-outcome.dto';
import { RecordCallOutcomeHandler } from './record-call-outcome.handler';

@ApiResource('calls', 'v1/calls')
export class RecordCallOutcomeController {
  constructor(private readonly handler: RecordCallOutcomeHandler) {}

  @RecordsEvent(':callId/outcome')
  outcome(@Param() path: CallIdParam, @Body() body: CallOutcomeBody, @Write() write: WriteContext) {
    return this.handler.execute(path.callId, body, write);
  }
}
