import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, IsUUID, Length } from 'class-validator';
import type { RestrictionData } from '@ledger/domain';
import { OptionallySourcedBody } from '../writes/provenance.dto';

/** Why processing is restricted (or no longer), and the rights request behind it if any. */
export class RestrictionBody extends OptionallySourcedBody {
  @ApiProperty({ example: 'accuracy contested', maxLength: 500 })
  @IsString()
  @Length(1, 500)
  reason!: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'the rights request that led to it' })
  @IsOptional()
  @IsUUID()
  requestId?: string;
}

export const restriction = (body: RestrictionBody): RestrictionData => ({
  reason: body.reason,
  ...(body.requestId !== undefined ? { requestId: body.requestId } : {}),
});
