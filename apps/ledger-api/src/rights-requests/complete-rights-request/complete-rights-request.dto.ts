import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Length } from 'class-validator';

/** `{}` will do: the answer itself is the DPO's record; a note may say how it was sent. */
export class CompleteRightsRequestBody {
  @ApiPropertyOptional({ maxLength: 500, example: 'export sent by registered post' })
  @IsOptional()
  @IsString()
  @Length(1, 500)
  note?: string;
}
