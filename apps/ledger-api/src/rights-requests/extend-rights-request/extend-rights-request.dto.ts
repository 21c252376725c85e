import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';

export class ExtendRightsRequestBody {
  @ApiProperty({
    example: 'several requests at once',
    maxLength: 500,
    description: 'why more time is needed (told to the person)',
  })
  @IsString()
  @Length(1, 500)
  reason!: string;
}
