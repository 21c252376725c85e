import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { CHOICE_TYPES } from '@ledger/domain';

export class ChoiceStatisticsQuery {
  @ApiPropertyOptional({ minimum: 1, maximum: 92, default: 30, description: 'days back, today included' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(92)
  days?: number;
}

class ChoiceCountDto {
  @ApiProperty({ format: 'date', example: '2026-11-29' })
  day!: string;

  @ApiProperty({ enum: CHOICE_TYPES })
  type!: string;

  @ApiProperty()
  purpose!: string;

  @ApiProperty({ description: 'a channel, or `all` for an opposition to every channel' })
  channel!: string;

  @ApiProperty({ minimum: 1 })
  count!: number;
}

export class ChoiceStatisticsDto {
  @ApiProperty({ format: 'date-time' })
  from!: string;

  @ApiProperty({ format: 'date-time' })
  to!: string;

  @ApiProperty({ type: 'array', items: { type: 'string', format: 'date' } })
  days!: string[];

  @ApiProperty({ type: ChoiceCountDto, isArray: true })
  counts!: ChoiceCountDto[];
}
