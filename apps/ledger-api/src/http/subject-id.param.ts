import { ApiProperty } from '@nestjs/swagger';
import { Matches } from 'class-validator';

/** Subject ids are opaque to the ledger but never carry personal data or path tricks. */
export class SubjectIdParam {
  @ApiProperty({ pattern: '^[A-Za-z0-9._:-]{1,128}$', example: 's-1' })
  @Matches(/^[A-Za-z0-9._:-]{1,128}$/, {
    message: 'subjectId must be 1-128 characters of letters, digits, . _ : -',
  })
  subjectId!: string;
}
