import { Body, HttpCode, Post } from '@nestjs/common';
import { ApiOkResponse, ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ApiResource } from '../../http/api-resource';
import { SubjectRefDto } from '../../read-side/subject-ref.dto';
import { FindSubjectHandler } from './find-subject.handler';

export class FoundSubjectDto {
  @ApiProperty()
  subjectId!: string;

  @ApiProperty({
    type: String,
    nullable: true,
    description: 'member, prospect…; null for a subject never registered (only choices recorded)',
  })
  kind!: string | null;

  @ApiProperty({ description: 'events in the subject history: the last page starts at eventCount - limit' })
  eventCount!: number;

  @ApiPropertyOptional({ format: 'date-time' })
  erasedAt?: string;
}

@ApiResource('subjects', 'v1/subject-lookups')
export class FindSubjectController {
  constructor(private readonly handler: FindSubjectHandler) {}

  /** A POST, so that an email or a phone never sits in a URL (and so in access logs). */
  @Post()
  @HttpCode(200)
  @ApiOkResponse({ type: FoundSubjectDto })
  find(@Body() ref: SubjectRefDto) {
    return this.handler.execute(ref);
  }
}
