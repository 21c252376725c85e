import { ApiProperty } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { CallSubjectBody } from '../call.dto';

export class RecordingObjectionBody extends CallSubjectBody {
  @ApiProperty({ enum: ['quality', 'canvassing'] })
  @IsIn(['quality', 'canvassing'])
  recording!: 'quality' | 'canvassing';
}
