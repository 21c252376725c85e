import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsOptional, IsString, Length } from 'class-validator';
import { COOKIE_CATEGORIES, type CookieCategory } from '@ledger/domain';
import { Nested } from '../../http/nested';
import { OptionallySourcedBody } from '../../writes/provenance.dto';

/** A category left out counts as refused: no choice is no consent. */
export class CookieChoicesDto implements Partial<Record<CookieCategory, boolean>> {
  functional?: boolean;
  audience?: boolean;
  advertising?: boolean;
  social?: boolean;
}
// One optional boolean a category, from the domain's list, so a new category is validated at once.
for (const category of COOKIE_CATEGORIES) {
  for (const decorate of [ApiPropertyOptional({ type: Boolean }), IsOptional(), IsBoolean()]) {
    decorate(CookieChoicesDto.prototype, category);
  }
}

export class RecordCookieChoicesBody extends OptionallySourcedBody {
  @Nested(CookieChoicesDto)
  choices!: CookieChoicesDto;

  @ApiProperty({ example: 'v3' })
  @IsString()
  @Length(1, 50)
  bannerVersion!: string;
}
