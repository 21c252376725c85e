import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsIn, IsOptional, IsString, Length, Matches } from 'class-validator';
import { HOLIDAY_CALENDARS, SUBJECT_KINDS, type HolidayCalendar, type SubjectKind } from '@ledger/domain';
import { ConsistentWithField } from '../../read-side/consistent-with';
import { Nested } from '../../http/nested';
import { OptionallySourcedBody } from '../../writes/provenance.dto';
import { PHONE_CHARACTERS } from '../../identifiers/normalize-identifiers';

export class IdentifiersDto {
  @ApiPropertyOptional({ type: 'string', format: 'email', isArray: true, example: ['a@b.fr'], maxItems: 10 })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @IsString({ each: true })
  @Length(3, 254, { each: true })
  emails?: string[];

  @ApiPropertyOptional({ type: [String], example: ['+33612345678'], maxItems: 10 })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @IsString({ each: true })
  @Matches(PHONE_CHARACTERS, { each: true, message: 'each phone must be 3-40 digits, spaces, + ( ) . -' })
  phones?: string[];

  @ApiPropertyOptional({ example: 'M-1' })
  @IsOptional()
  @IsString()
  @Matches(/^[A-Za-z0-9-]{1,40}$/, { message: 'memberNumber must be 1-40 letters, digits or -' })
  memberNumber?: string;
}

export class RegisterSubjectBody extends OptionallySourcedBody {
  @ApiProperty({ enum: SUBJECT_KINDS })
  @IsIn(SUBJECT_KINDS)
  kind!: SubjectKind;

  @Nested(IdentifiersDto, { optional: true })
  identifiers?: IdentifiersDto;

  @ApiPropertyOptional({
    example: 'America/Martinique',
    maxLength: 64,
    description: 'IANA time zone where the person lives: calling hours are theirs (default Europe/Paris)',
  })
  @IsOptional()
  @IsString()
  @Length(1, 64)
  timeZone?: string;

  @ApiPropertyOptional({
    enum: HOLIDAY_CALENDARS,
    description: 'their public holidays (default metropolitan)',
  })
  @IsOptional()
  @IsIn(HOLIDAY_CALENDARS)
  holidayCalendar?: HolidayCalendar;

  /**
   * Earlier writes the identifier check must include (their position tokens). Without it, the
   * check reads the index as projected: a claim still in flight is settled by the projector.
   */
  @ConsistentWithField()
  consistentWith?: string | string[];
}
