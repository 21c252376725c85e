import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length, Matches } from 'class-validator';
import { Timestamp } from '../../http/timestamp';
import { OptionallySourcedBody } from '../../writes/provenance.dto';

/** A contract reference: the insurer's own, never personal data. */
export const CONTRACT_REF = /^[A-Za-z0-9._:-]{1,100}$/;

export class EstablishRelationshipBody extends OptionallySourcedBody {
  @ApiProperty({ example: 'C-123', pattern: CONTRACT_REF.source })
  @IsString()
  @Matches(CONTRACT_REF, { message: 'contractRef must be 1-100 letters, digits, . _ : -' })
  contractRef!: string;

  @ApiProperty({
    example: 'sante',
    description: 'the product line: what analogous products are judged against',
  })
  @IsString()
  @Length(1, 60)
  @Matches(/^[a-z0-9][a-z0-9_-]{0,59}$/, { message: 'productLine is a lower-case slug' })
  productLine!: string;

  @Timestamp('when the contract started (RFC 3339, with Z or an offset, not in the future)')
  startedAt!: string;
}
