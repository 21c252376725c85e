import { ApiProperty } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import {
  RIGHTS_REQUEST_CHANNELS,
  RIGHTS_REQUEST_TYPES,
  type RightsRequestChannel,
  type RightsRequestType,
} from '@ledger/domain';
import { Nested } from '../../http/nested';
import { Timestamp } from '../../http/timestamp';
import { SubjectRefDto } from '../../read-side/subject-ref.dto';

export class ReceiveRightsRequestBody {
  @Nested(SubjectRefDto)
  subject!: SubjectRefDto;

  @ApiProperty({ enum: RIGHTS_REQUEST_TYPES })
  @IsIn(RIGHTS_REQUEST_TYPES)
  type!: RightsRequestType;

  @ApiProperty({ enum: RIGHTS_REQUEST_CHANNELS, description: 'how the request arrived' })
  @IsIn(RIGHTS_REQUEST_CHANNELS)
  channel!: RightsRequestChannel;

  @Timestamp(
    'when the request was received (RFC 3339, with Z or an offset, not in the future): the month runs from it',
  )
  receivedAt!: string;
}
