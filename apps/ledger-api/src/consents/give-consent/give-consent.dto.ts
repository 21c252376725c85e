import { ApiProperty } from '@nestjs/swagger';
import { WriteAcknowledgementDto } from '../../writes/write-acknowledgement.dto';
import { ChoiceBody } from '../../writes/choice.dto';
import { Timestamp } from '../../http/timestamp';

export class GiveConsentBody extends ChoiceBody {
  @Timestamp('when the consent lapses (RFC 3339, with Z or an offset), after occurredAt', { optional: true })
  expiresAt?: string;
}

/** A consent's answer: the write's acknowledgement and its signed consent receipt. */
export class ConsentAnswerDto extends WriteAcknowledgementDto {
  @ApiProperty({
    description:
      'Kantara Consent Receipt v1.1 as a compact JWS (EdDSA, typ JWT): verify it offline with /.well-known/jwks.json',
  })
  receipt!: string;
}
