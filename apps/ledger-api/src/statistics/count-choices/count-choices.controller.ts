import { Get, Query } from '@nestjs/common';
import { ApiOkResponse } from '@nestjs/swagger';
import { ApiResource } from '../../http/api-resource';
import { ChoiceStatisticsDto, ChoiceStatisticsQuery } from './count-choices.dto';
import { CountChoicesHandler } from './count-choices.handler';

@ApiResource('statistics', 'v1/statistics')
export class CountChoicesController {
  constructor(private readonly handler: CountChoicesHandler) {}

  /** What the console charts: choices per day, event type, purpose and channel. */
  @Get('choices')
  @ApiOkResponse({ type: ChoiceStatisticsDto })
  choices(@Query() query: ChoiceStatisticsQuery) {
    return this.handler.execute(query);
  }
}
