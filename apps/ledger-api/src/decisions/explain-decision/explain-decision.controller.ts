import { Get, Param } from '@nestjs/common';
import { ApiOkResponse, ApiProperty } from '@nestjs/swagger';
import { IsUUID } from 'class-validator';
import { ApiResource } from '../../http/api-resource';
import { ExplainedDecisionDto } from './explain-decision.dto';
import { ExplainDecisionHandler } from './explain-decision.handler';

export class DecisionIdParam {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  decisionId!: string;
}

@ApiResource('decisions', 'v1/decisions')
export class ExplainDecisionController {
  constructor(private readonly handler: ExplainDecisionHandler) {}

  /** A logged decision: what was asked, what was answered, the rules then in force, the evidence. */
  @Get(':decisionId')
  @ApiOkResponse({ type: ExplainedDecisionDto })
  explain(@Param() { decisionId }: DecisionIdParam) {
    return this.handler.execute(decisionId);
  }
}
