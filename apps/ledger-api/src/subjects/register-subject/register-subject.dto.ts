import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsOptional,
  IsString,
  Length,
  Matches,
  ValidateNested,
} from 'class-validator';
import { SUBJECT_KINDS, type SubjectKind } from '@ledger/domain';
import { ConsistentWithField } from '../../read-side/consistent-with';
import { ProvenanceBody, SourceDto } from '../../writes/provenance.dto';
import { PHONE_CHARACTERS } from '../../identifiers/normalize-identifiers';

export class IdentifiersDto {
  @ApiPropertyOptional({ type: 'string', format: 'email', isArray: true, example: ['a@b.fr'], maxItems: 10 })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @IsString({ each: true })
  @Length(3, 254, { each: true })
  emails?: string[];

  @ApiPropertyOptional({ type: [String], example: ['+33612345678'], maxItems: 10 })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @IsString({ each: true })
  @Matches(PHONE_CHARACTERS, { each: true, message: 'each phone must be 3-40 digits, spaces, + ( ) . -' })
  phones?: string[];

  @ApiPropertyOptional({ example: 'M-1' })
  @IsOptional()
  @IsString()
  @Matches(/^[A-Za-z0-9-]{1,40}$/, { message: 'memberNumber must be 1-40 letters, digits or -' })
  memberNumber?: string;
}

export class RegisterSubjectBody extends ProvenanceBody {
  @ApiProperty({ enum: SUBJECT_KINDS })
  @IsIn(SUBJECT_KINDS)
  kind!: SubjectKind;

  @ApiPropertyOptional({ type: IdentifiersDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => IdentifiersDto)
  identifiers?: IdentifiersDto;

  @ApiPropertyOptional({ type: SourceDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => SourceDto)
  source?: SourceDto;

  /**
   * Earlier writes the identifier check must include (their position tokens). Without it, the
   * check reads the index as projected: a claim still in flight is settled by the projector.
   */
  @ConsistentWithField()
  consistentWith?: string | string[];
}
