import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import {
  DECISION_CHANNELS,
  DECISION_PURPOSES,
  LedgerError,
  PARTNERS,
  type DecisionQuery,
  type Partner,
} from '@ledger/domain';
import { Timestamp } from '../http/timestamp';
import { ConsistencyField, ConsistentWithField, type ConsistencyLevel } from '../read-side/consistent-with';

/** What a decision asks, for one subject (a body) or for a whole list (the batch's query string). */
export class DecisionQuestion {
  @ApiProperty({ enum: DECISION_PURPOSES })
  @IsIn(DECISION_PURPOSES)
  purpose!: (typeof DECISION_PURPOSES)[number];

  @ApiProperty({ enum: DECISION_CHANNELS })
  @IsIn(DECISION_CHANNELS)
  channel!: (typeof DECISION_CHANNELS)[number];

  @ApiPropertyOptional({ enum: PARTNERS, description: 'required with, and only with, partner_transfer' })
  @IsOptional()
  @IsIn(PARTNERS)
  partner?: Partner;

  @Timestamp('answer as of this past instant (RFC 3339, with Z or an offset); default now', {
    optional: true,
  })
  at?: string;

  @ConsistentWithField()
  consistentWith?: string | string[];

  @ConsistencyField()
  consistency?: ConsistencyLevel;
}

/** The domain's question, once the rules across fields hold: a past instant, a partner only for transfers. */
export function decisionQuery(question: DecisionQuestion, now: string): DecisionQuery {
  const at = question.at !== undefined ? new Date(question.at).toISOString() : now;
  if (Date.parse(at) > Date.parse(now)) {
    throw new LedgerError('validation_failed', 'at must not be in the future', {
      errors: [{ field: 'at', problems: ['must not be in the future'] }],
    });
  }
  if ((question.purpose === 'partner_transfer') !== (question.partner !== undefined)) {
    throw new LedgerError('validation_failed', 'partner goes with, and only with, partner_transfer', {
      errors: [{ field: 'partner', problems: ['required with, and only with, partner_transfer'] }],
    });
  }
  const { purpose, channel, partner } = question;
  return { purpose, channel, ...(partner !== undefined ? { partner } : {}), at };
}
