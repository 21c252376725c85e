import { applyDecorators, Controller, HttpCode, Post, Put, type Type } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { WriteAcknowledgementDto } from '../writes/write-acknowledgement.dto';

/** A controller of the API: its routes under `prefix`, grouped under `tag`, behind a bearer key. */
export function ApiResource(tag: string, prefix = 'v1/subjects') {
  return applyDecorators(ApiTags(tag), ApiBearerAuth(), Controller(prefix));
}

/**
 * A route that records one event and answers its acknowledgement: POST 201, or PUT 200 for a
 * write that replaces (a subject's identity, their preferences). Other answers are described.
 */
export function RecordsEvent(
  path: string,
  options: { put?: true; description?: string; answer?: Type<unknown> } = {},
) {
  const answer = options.description
    ? { description: options.description }
    : { type: options.answer ?? WriteAcknowledgementDto };
  return options.put
    ? applyDecorators(Put(path), HttpCode(200), ApiOkResponse(answer))
    : applyDecorators(Post(path), ApiCreatedResponse(answer));
}
