import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length } from 'class-validator';
import {
  ACTOR_TYPES,
  COLLECTION_METHODS,
  PROOF_TYPES,
  type ActorType,
  type CollectionMethod,
  type CommandProvenance,
  type ProofType,
} from '@ledger/domain';
import type { Principal } from '../auth/principal';
import { Nested } from '../http/nested';
import { Timestamp } from '../http/timestamp';

export class SourceDto {
  @ApiProperty({ example: 'espace-adherent/preferences', maxLength: 200 })
  @IsString()
  @Length(1, 200)
  collectionPoint!: string;

  @ApiProperty({ enum: COLLECTION_METHODS })
  @IsIn(COLLECTION_METHODS)
  method!: CollectionMethod;
}

export class NoticeDto {
  @ApiProperty({ example: 'prospecting-notice' })
  @IsString()
  @Length(1, 200)
  id!: string;

  @ApiProperty({ example: '2026-01' })
  @IsString()
  @Length(1, 50)
  version!: string;
}

export class ProofDto {
  @ApiProperty({ enum: PROOF_TYPES })
  @IsIn(PROOF_TYPES)
  type!: ProofType;

  @ApiProperty({ example: 'doi-7f3a' })
  @IsString()
  @Length(1, 500)
  ref!: string;
}

export class ActorDto {
  @ApiProperty({ enum: ACTOR_TYPES })
  @IsIn(ACTOR_TYPES)
  type!: ActorType;

  @ApiPropertyOptional({ description: 'agent or system id; never personal data' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  id?: string;
}

/** Fields every write body may carry about its own provenance. */
export class ProvenanceBody {
  @Timestamp('when it happened (RFC 3339, with Z or an offset, not in the future); default now', {
    optional: true,
  })
  occurredAt?: string;

  @Nested(ActorDto, { optional: true, description: 'who acted; default the system' })
  actor?: ActorDto;

  @Nested(NoticeDto, { optional: true })
  notice?: NoticeDto;

  @Nested(ProofDto, { optional: true })
  proof?: ProofDto;
}

/** Provenance body plus a required source: for choices a person makes. */
export class SourcedBody extends ProvenanceBody {
  @Nested(SourceDto)
  source!: SourceDto;
}

/** Maps a validated body to the domain's provenance; the API client is the source client. */
export function provenance(
  subjectId: string,
  body: ProvenanceBody & { source?: SourceDto },
  principal: Principal,
  defaultSource: { collectionPoint: string; method: CollectionMethod } = {
    collectionPoint: 'api',
    method: 'api',
  },
): CommandProvenance {
  const source = body.source ?? defaultSource;
  return {
    subjectId,
    actor: body.actor
      ? { type: body.actor.type, ...(body.actor.id ? { id: body.actor.id } : {}) }
      : { type: 'system' },
    source: { collectionPoint: source.collectionPoint, method: source.method, client: principal.name },
    ...(body.occurredAt !== undefined ? { occurredAt: body.occurredAt } : {}),
    ...(body.notice ? { notice: { id: body.notice.id, version: body.notice.version } } : {}),
    ...(body.proof ? { proof: { type: body.proof.type, ref: body.proof.ref } } : {}),
  };
}

/** Provenance body with an optional source: for what the insurer records (a default source applies). */
export class OptionallySourcedBody extends ProvenanceBody {
  @Nested(SourceDto, { optional: true })
  source?: SourceDto;
}
