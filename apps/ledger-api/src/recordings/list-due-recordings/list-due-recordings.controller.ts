import { Get, Query } from '@nestjs/common';
import { ApiResource } from '../../http/api-resource';
import { DueRecordingsQuery } from './list-due-recordings.dto';
import { ListDueRecordingsHandler } from './list-due-recordings.handler';

@ApiResource('calls', 'v1/recordings')
export class ListDueRecordingsController {
  constructor(private readonly handler: ListDueRecordingsHandler) {}

  @Get('due-for-destruction')
  due(@Query() query: DueRecordingsQuery) {
    return this.handler.execute(query);
  }
}
