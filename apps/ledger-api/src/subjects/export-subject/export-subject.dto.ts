import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { ReadQuery } from '../../read-side/consistent-with';

export const EXPORT_FORMATS = ['json', 'csv'] as const;

export class ExportQuery extends ReadQuery {
  @ApiPropertyOptional({
    enum: EXPORT_FORMATS,
    default: 'json',
    description:
      'json: the whole bundle (schema at /v1/schemas/subject-export); csv: the history, one event a row',
  })
  @IsOptional()
  @IsIn(EXPORT_FORMATS)
  format?: (typeof EXPORT_FORMATS)[number];
}
