import { ApiProperty } from '@nestjs/swagger';
import { ArrayNotEmpty, IsArray, IsIn, Matches } from 'class-validator';
import { SCOPES, type Scope } from '../../auth/scopes';

export class CreateApiKeyBody {
  @ApiProperty({ example: 'crm', description: 'recorded as the source client of the events it writes' })
  @Matches(/^[a-z0-9][a-z0-9._-]{0,62}$/, { message: 'name must be a lower-case slug of 1-63 characters' })
  name!: string;

  @ApiProperty({ enum: SCOPES, isArray: true })
  @IsArray()
  @ArrayNotEmpty()
  @IsIn(SCOPES, { each: true })
  scopes!: Scope[];
}

export class CreatedApiKeyDto {
  @ApiProperty() keyId!: string;
  @ApiProperty({ description: 'shown once; only its hash is stored' }) apiKey!: string;
  @ApiProperty() createdAt!: string;
}
