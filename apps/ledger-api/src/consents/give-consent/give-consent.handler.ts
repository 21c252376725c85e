import { Inject, Injectable } from '@nestjs/common';
import type { ConsentReceiptIssuer } from '@ledger/contracts';
import {
  assertConsentProvable,
  giveConsent,
  policyInForce,
  type CommandProvenance,
  type ConsentGiven,
  type Policy,
  type RecordingContext,
} from '@ledger/domain';
import { CONSENT_RECEIPTS, POLICY } from '../../tokens';
import { provenance } from '../../writes/provenance.dto';
import type { WriteAcknowledgement } from '../../writes/event-writer';
import type { WriteContext } from '../../writes/write-context';
import { choiceScope } from '../../writes/choice.dto';
import { EventWriter } from '../../writes/event-writer';
import { SubjectEventHandler } from '../../writes/subject-event.handler';
import type { GiveConsentBody } from './give-consent.dto';

/** A consent the ledger can prove (the policy says with what), recorded as given, answered with its receipt. */
@Injectable()
export class GiveConsentHandler extends SubjectEventHandler<GiveConsentBody> {
  constructor(
    writer: EventWriter,
    @Inject(POLICY) private readonly policy: Policy,
    @Inject(CONSENT_RECEIPTS) private readonly receipts: ConsentReceiptIssuer,
  ) {
    super(writer);
  }

  override async execute(
    subjectId: string,
    body: GiveConsentBody,
    write: WriteContext,
  ): Promise<WriteAcknowledgement & { receipt: string }> {
    const from = provenance(subjectId, body, write.principal, this.defaultSource);
    const { acknowledgement, event } = await this.writer.recordKeepingEvent(
      (context) => this.build(from, body, context),
      write,
    );
    // From the event the log holds (the first attempt's on a retry): the same receipt every time.
    const { id, version } = policyInForce(this.policy, event.occurredAt);
    return { ...acknowledgement, receipt: this.receipts.issue(event as ConsentGiven, { id, version }) };
  }

  protected build(from: CommandProvenance, body: GiveConsentBody, context: RecordingContext) {
    const expiry = body.expiresAt !== undefined ? { expiresAt: new Date(body.expiresAt).toISOString() } : {};
    const consent = { ...from, ...choiceScope(body), ...expiry };
    const event = giveConsent(consent, context); // the scope's own rules first (a partner, a purpose)
    assertConsentProvable(this.policy, consent, context.now);
    return event;
  }
}
