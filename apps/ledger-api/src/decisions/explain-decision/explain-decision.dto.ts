import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class ExplainedDecisionDto {
  @ApiProperty() decisionId!: string;
  @ApiProperty() decidedAt!: string;
  @ApiProperty({
    description: 'the subject id the ledger resolved, and what it was asked by (never the email or phone)',
  })
  subject!: { subjectId: string | null; askedBy: string };
  @ApiProperty({ description: 'purpose, channel, partner, and the instant asked about (`at`)' })
  question!: Record<string, unknown>;
  @ApiProperty({ description: 'true when `at` was before the instant of the decision (an as-of answer)' })
  asOf!: boolean;
  @ApiProperty({ description: 'allowed, reason, legal basis, evidence ids and policy version, as answered' })
  answer!: Record<string, unknown>;
  @ApiProperty({
    description:
      'the policy version and the rule for this purpose and channel in force at `at`, as the ledger knew them then',
  })
  rulesInForce!: Record<string, unknown>;
  @ApiProperty({
    description:
      'the events the answer rested on: provenance, log position, chain hash, and data when not personal',
    type: 'array',
    items: { type: 'object', additionalProperties: true },
  })
  evidence!: Array<Record<string, unknown>>;
  @ApiPropertyOptional({
    description:
      'the same question asked again now about the same instant; `matches` false when the ledger no longer can (an erasure)',
  })
  reproduced?: { allowed: boolean; reason: string; matches: boolean };
  @ApiProperty({ description: 'when the decision log deletes it (LEDGER_DECISION_LOG_KEEP_DAYS)' })
  expiresAt!: string;
}
