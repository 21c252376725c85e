import { Inject, Injectable } from '@nestjs/common';
import {
  assertConsentProvable,
  giveConsent,
  type CommandProvenance,
  type Policy,
  type RecordingContext,
} from '@ledger/domain';
import { POLICY } from '../../tokens';
import { choiceScope } from '../../writes/choice.dto';
import { EventWriter } from '../../writes/event-writer';
import { SubjectEventHandler } from '../../writes/subject-event.handler';
import type { GiveConsentBody } from './give-consent.dto';

/** A consent the ledger can prove (the policy says with what), recorded as given. */
@Injectable()
export class GiveConsentHandler extends SubjectEventHandler<GiveConsentBody> {
  constructor(
    writer: EventWriter,
    @Inject(POLICY) private readonly policy: Policy,
  ) {
    super(writer);
  }

  protected build(from: CommandProvenance, body: GiveConsentBody, context: RecordingContext) {
    const expiry = body.expiresAt !== undefined ? { expiresAt: new Date(body.expiresAt).toISOString() } : {};
    const consent = { ...from, ...choiceScope(body), ...expiry };
    const event = giveConsent(consent, context); // the scope's own rules first (a partner, a purpose)
    assertConsentProvable(this.policy, consent, context.now);
    return event;
  }
}
