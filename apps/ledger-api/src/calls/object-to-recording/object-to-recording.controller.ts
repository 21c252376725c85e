import { Body, Param } from '@nestjs/common';
import { ApiResource, RecordsEvent } from '../../http/api-resource';
import { Write, type WriteContext } from '../../writes/write-context';
import { CallIdParam } from '../call.dto';
import { RecordingObjectionBody } from './object-to-recording.dto';
import { ObjectToRecordingHandler } from './object-to-recording.handler';

@ApiResource('calls', 'v1/calls')
export class ObjectToRecordingController {
  constructor(private readonly handler: ObjectToRecordingHandler) {}

  @RecordsEvent(':callId/recording-objections', {
    description: '{eventId, position, instruction, destroyBy}',
  })
  object(@Param() path: CallIdParam, @Body() body: RecordingObjectionBody, @Write() write: WriteContext) {
    return this.handler.execute(path.callId, body, write);
  }
}
