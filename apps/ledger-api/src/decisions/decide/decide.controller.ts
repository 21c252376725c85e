import { Body, Controller, HttpCode, Inject, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDefined, IsIn, IsObject, IsOptional, ValidateNested } from 'class-validator';
import { CHANNELS, decide, LedgerError, PARTNERS, PURPOSES, type Partner, type Policy } from '@ledger/domain';
import { LedgerMetrics } from '../../metrics/ledger-metrics';
import { ConsistentWithField, tokensOf } from '../../read-side/consistent-with';
import { ReadModelFreshness } from '../../read-side/read-model-freshness';
import { SubjectReader } from '../../read-side/subject-reader';
import type { Clock } from '../../runtime';
import { CLOCK, POLICY } from '../../tokens';
import { SubjectRefDto } from '../../read-side/subject-ref.dto';
import { Timestamp } from '../../http/timestamp';

export const DECISION_PURPOSES = [
  ...PURPOSES,
  'cookies_necessary',
  'cookies_functional',
  'cookies_audience',
  'cookies_advertising',
  'cookies_social',
] as const;
export const DECISION_CHANNELS = [...CHANNELS, 'web'] as const;

export class DecisionBody {
  @ApiProperty({ type: SubjectRefDto })
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => SubjectRefDto)
  subject!: SubjectRefDto;

  @ApiProperty({ enum: DECISION_PURPOSES })
  @IsIn(DECISION_PURPOSES)
  purpose!: (typeof DECISION_PURPOSES)[number];

  @ApiProperty({ enum: DECISION_CHANNELS })
  @IsIn(DECISION_CHANNELS)
  channel!: (typeof DECISION_CHANNELS)[number];

  @ApiPropertyOptional({ enum: PARTNERS, description: 'required with partner_transfer' })
  @IsOptional()
  @IsIn(PARTNERS)
  partner?: Partner;

  @Timestamp('answer as of this past instant (RFC 3339, with Z or an offset); default now', {
    optional: true,
  })
  at?: string;

  @ConsistentWithField()
  consistentWith?: string | string[];
}

export class DecisionDto {
  @ApiProperty() allowed!: boolean;
  @ApiProperty({ description: 'stable reason code' }) reason!: string;
  @ApiProperty() legalBasis!: string;
  @ApiProperty({ type: [String] }) evidence!: string[];
  @ApiProperty() policy!: { id: string; version: string };
  @ApiProperty() decidedAt!: string;
  @ApiPropertyOptional() oppositionRecorded?: boolean;
}

@ApiTags('decisions')
@ApiBearerAuth()
@Controller('v1/decisions')
export class DecideController {
  constructor(
    private readonly subjects: SubjectReader,
    private readonly freshness: ReadModelFreshness,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly metrics: LedgerMetrics,
    @Inject(POLICY) private readonly policy: Policy,
  ) {}

  @Post()
  @HttpCode(200)
  @ApiOkResponse({ type: DecisionDto })
  async decide(@Body() body: DecisionBody): Promise<DecisionDto> {
    const now = this.clock.now().toISOString();
    const at = body.at !== undefined ? new Date(body.at).toISOString() : now;
    if (Date.parse(at) > Date.parse(now)) {
      throw new LedgerError('validation_failed', 'at must not be in the future', {
        errors: [{ field: 'at', problems: ['must not be in the future'] }],
      });
    }
    if ((body.purpose === 'partner_transfer') !== (body.partner !== undefined)) {
      throw new LedgerError('validation_failed', 'partner goes with, and only with, partner_transfer', {
        errors: [{ field: 'partner', problems: ['required with, and only with, partner_transfer'] }],
      });
    }
    await this.freshness.ensureFresh(tokensOf(body.consistentWith));
    const { record } = await this.subjects.resolve(body.subject, at);
    const decision = decide(this.policy, record, {
      purpose: body.purpose,
      channel: body.channel,
      ...(body.partner !== undefined ? { partner: body.partner } : {}),
      at,
    });
    this.metrics.decisions.inc({
      purpose: body.purpose,
      channel: body.channel,
      allowed: String(decision.allowed),
      reason: decision.reason,
    });
    return { ...decision, decidedAt: now };
  }
}
