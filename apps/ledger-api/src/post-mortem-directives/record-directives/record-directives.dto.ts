import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, IsUUID, Length } from 'class-validator';
import { OptionallySourcedBody } from '../../writes/provenance.dto';

/** What the person wants done with their data after their death (loi Informatique et Libertés art. 85). */
export class PostMortemDirectivesBody extends OptionallySourcedBody {
  @ApiProperty({ example: 'erase everything; tell my daughter of any open contract', maxLength: 4000 })
  @IsString()
  @Length(1, 4000)
  directives!: string;

  @ApiPropertyOptional({ description: 'the person entrusted with carrying them out', maxLength: 500 })
  @IsOptional()
  @IsString()
  @Length(1, 500)
  designee?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'the rights request that brought them' })
  @IsOptional()
  @IsUUID()
  requestId?: string;
}
