import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Nested } from '../../http/nested';
import { ConsistencyDto } from '../../read-side/consistent-with';
import { SubjectRefDto } from '../../read-side/subject-ref.dto';
import { DecisionQuestion } from '../decision-question.dto';

export class DecisionBody extends DecisionQuestion {
  @Nested(SubjectRefDto)
  subject!: SubjectRefDto;
}

export class DecisionDto {
  @ApiProperty() allowed!: boolean;
  @ApiProperty({ description: 'stable reason code' }) reason!: string;
  @ApiProperty() legalBasis!: string;
  @ApiProperty({ type: [String] }) evidence!: string[];
  @ApiProperty() policy!: { id: string; version: string };
  @ApiProperty() decidedAt!: string;
  @ApiProperty({
    description: 'UUIDv7 of this decision: GET /v1/decisions/{decisionId} explains it when logged',
  })
  decisionId!: string;
  @ApiProperty({ description: 'whether the decision log kept it (LEDGER_DECISION_LOG: all, sampled, none)' })
  logged!: boolean;
  @ApiPropertyOptional() oppositionRecorded?: boolean;
  @ApiProperty({ type: ConsistencyDto, description: 'how fresh the read models the answer came from were' })
  consistency!: ConsistencyDto;
}
