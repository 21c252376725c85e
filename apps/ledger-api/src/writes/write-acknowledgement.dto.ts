import { ApiProperty } from '@nestjs/swagger';

export class WriteAcknowledgementDto {
  @ApiProperty({ description: 'UUIDv7 of the recorded event' })
  eventId!: string;

  @ApiProperty({ description: 'opaque token; pass it as consistentWith to read your write' })
  position!: string;
}
