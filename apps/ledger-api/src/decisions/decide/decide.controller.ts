import { Body, HttpCode, Post } from '@nestjs/common';
import { ApiOkResponse } from '@nestjs/swagger';
import { ApiResource } from '../../http/api-resource';
import { DecisionBody, DecisionDto } from './decide.dto';
import { DecideHandler } from './decide.handler';

@ApiResource('decisions', 'v1/decisions')
export class DecideController {
  constructor(private readonly handler: DecideHandler) {}

  @Post()
  @HttpCode(200)
  @ApiOkResponse({ type: DecisionDto })
  decide(@Body() body: DecisionBody): Promise<DecisionDto> {
    return this.handler.execute(body);
  }
}
