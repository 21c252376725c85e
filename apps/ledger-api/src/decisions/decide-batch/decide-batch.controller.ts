import { HttpCode, Post, Query, Req, Res } from '@nestjs/common';
import { ApiConsumes, ApiOkResponse } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiResource } from '../../http/api-resource';
import { NDJSON } from '../../http/media-types';
import { DecisionQuestion } from '../decision-question.dto';
import { CONSISTENCY_LEVELS } from '../../read-side/consistent-with';
import { CONSISTENCY_HEADER, DecideBatchHandler } from './decide-batch.handler';

const ANSWERS =
  'NDJSON, in input order; a bad line gets an {line, error} line, and so does a subject with a restrictive ' +
  'write acknowledged but not applied within LEDGER_MAX_LAG_MS ({line, subject, error: read-side-lagging}). ' +
  'The list is read whole before the first answer (to disk past 5,000 lines).';

@ApiResource('decisions', 'v1/decisions')
export class DecideBatchController {
  constructor(private readonly handler: DecideBatchHandler) {}

  @Post('batch')
  @HttpCode(200)
  @ApiConsumes(NDJSON)
  @ApiOkResponse({
    description: ANSWERS,
    headers: {
      [CONSISTENCY_HEADER]: {
        description: 'the consistency level the list was answered at',
        schema: { type: 'string', enum: [...CONSISTENCY_LEVELS] },
      },
    },
  })
  batch(@Query() query: DecisionQuestion, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    return this.handler.execute(query, request, reply);
  }
}
