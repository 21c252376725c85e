import type { GiveConsent } from '../consents/consent-events';
import { LedgerError } from '../errors/ledger-error';
import { policyInForce, type Policy } from './policy';

/**
 * Refuses a consent that the policy in force when it is recorded says cannot be proven: no
 * notice, or no proof where one is required. Throws a validation problem naming the field.
 */
export function assertConsentProvable(policy: Policy, consent: GiveConsent, recordedAt: string): void {
  const rule = policyInForce(policy, recordedAt).consentProof;
  if (rule === undefined) return;
  const problem = (field: string, text: string) =>
    new LedgerError('validation_failed', text, { errors: [{ field, problems: [text] }] });
  if (rule.noticeRequired && consent.notice === undefined) {
    throw problem(
      'notice',
      'a consent names the notice shown ({id, version}): the ledger must be able to prove it',
    );
  }
  const needsProof = rule.proofRequiredFor.some(
    ({ purpose, channels }) =>
      purpose === consent.purpose && consent.channels.some((channel) => channels.includes(channel)),
  );
  if (needsProof && consent.proof === undefined) {
    throw problem(
      'proof',
      `a consent to ${consent.purpose} on ${consent.channels.join(', ')} needs a proof ({type, ref}): the law puts its burden on the controller`,
    );
  }
}
