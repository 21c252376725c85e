import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Length, Matches } from 'class-validator';
import { OpaqueId } from '../http/opaque-id';
import { PHONE_CHARACTERS } from '../identifiers/normalize-identifiers';

/** One of subjectId, email or phone. */
export class SubjectRefDto {
  @OpaqueId('subjectId', 's-1', { optional: true })
  subjectId?: string;

  @ApiPropertyOptional({ example: 'a@b.fr', format: 'email' })
  @IsOptional()
  @IsString()
  @Length(3, 254)
  email?: string;

  @ApiPropertyOptional({ example: '+33612345678', description: 'E.164, or a French national number' })
  @IsOptional()
  @IsString()
  @Matches(PHONE_CHARACTERS, { message: 'phone must be 3-40 digits, spaces, + ( ) . -' })
  phone?: string;
}
