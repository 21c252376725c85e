import { Body, Param } from '@nestjs/common';
import { ApiResource, RecordsEvent } from '../../http/api-resource';
import { Write, type WriteContext } from '../../writes/write-context';
import { EndRelationshipBody, RelationshipParams } from './end-relationship.dto';
import { EndRelationshipHandler } from './end-relationship.handler';

@ApiResource('relationships')
export class EndRelationshipController {
  constructor(private readonly handler: EndRelationshipHandler) {}

  @RecordsEvent(':subjectId/relationships/:contractRef/end')
  end(@Param() path: RelationshipParams, @Body() body: EndRelationshipBody, @Write() write: WriteContext) {
    return this.handler.execute(path, body, write);
  }
}
