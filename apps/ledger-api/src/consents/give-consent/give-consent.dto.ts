import { ChoiceBody } from '../../writes/choice.dto';
import { Timestamp } from '../../http/timestamp';

export class GiveConsentBody extends ChoiceBody {
  @Timestamp('when the consent lapses (RFC 3339, with Z or an offset), after occurredAt', { optional: true })
  expiresAt?: string;
}
