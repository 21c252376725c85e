import { ApiProperty } from '@nestjs/swagger';
import { IsUUID } from 'class-validator';

export class RequestIdParam {
  @ApiProperty({ format: 'uuid', description: 'the requestId the request was received with' })
  @IsUUID()
  requestId!: string;
}
