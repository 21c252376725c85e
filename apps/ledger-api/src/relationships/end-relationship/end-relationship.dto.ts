import { ApiProperty } from '@nestjs/swagger';
import { Matches } from 'class-validator';
import { OpaqueId } from '../../http/opaque-id';
import { Timestamp } from '../../http/timestamp';
import { OptionallySourcedBody } from '../../writes/provenance.dto';

export class RelationshipParams {
  @OpaqueId('subjectId', 's-1')
  subjectId!: string;

  @ApiProperty({ example: 'C-123', pattern: '^[A-Za-z0-9._:-]{1,100}$' })
  @Matches(/^[A-Za-z0-9._:-]{1,100}$/, { message: 'contractRef must be 1-100 letters, digits, . _ : -' })
  contractRef!: string;
}

export class EndRelationshipBody extends OptionallySourcedBody {
  @Timestamp('when the contract ended (RFC 3339, with Z or an offset, not in the future)')
  endedAt!: string;
}
