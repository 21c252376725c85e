import { giveConsent, registerOpposition } from '../consents/consent-events';
import type { LedgerEvent } from '../events/ledger-event';
import { evolveSubjectRecord, type SubjectRecord } from '../subjects/subject-record';
import { registerSubject } from '../subjects/subject-registered';
import type { SubjectKind } from '../subjects/subject-kind';
import { DEFAULT_POLICY } from './default-policy';
import { selectForTransfer, type TransferCandidate } from './partner-transfer-selection';
import { policyInForce } from './policy';

let n = 0;
const at0 = '2026-03-01T10:00:00.000Z';
const provenance = (subjectId: string) => ({
  subjectId,
  actor: { type: 'subject' as const },
  source: { collectionPoint: 'test', method: 'web_form' as const, client: 'test' },
  occurredAt: at0,
});
const ctx = () => ({ eventId: `e-${++n}`, now: at0 });

function candidate(subjectId: string, kind: SubjectKind, ...more: LedgerEvent[]): TransferCandidate {
  const registered = registerSubject(
    { ...provenance(subjectId), kind, identifiers: { emails: [], phones: [] } },
    ctx(),
  );
  const record = [registered, ...more].reduce<SubjectRecord | null>(
    (r, e, i) => evolveSubjectRecord(r, e, { partition: 0, offset: String(i) }),
    null,
  );
  return { ref: { subjectId }, subjectId, record };
}

describe('selectForTransfer: who may be handed to a partner', () => {
  const scope = {
    partner: 'mg-services' as const,
    channel: 'email' as const,
    at: '2026-06-01T10:00:00.000Z',
  };
  const consented = giveConsent(
    {
      ...provenance('s-consented'),
      purpose: 'partner_transfer',
      channels: ['email'],
      partner: 'mg-services',
    },
    ctx(),
  );
  const candidates = [
    candidate('s-consented', 'prospect', consented),
    candidate('s-silent', 'prospect'),
    candidate('s-b2b', 'b2b_contact'),
    { ref: { email: 'nobody@example.org' }, subjectId: null, record: null },
  ];

  it('sends the consented and the professional contacts, with the reason and evidence of each', () => {
    const selection = selectForTransfer(DEFAULT_POLICY, candidates, scope);
    expect(selection.sent).toEqual([
      {
        ref: { subjectId: 's-consented' },
        subjectId: 's-consented',
        reason: 'consent_given',
        evidence: [consented.id],
      },
      { ref: { subjectId: 's-b2b' }, subjectId: 's-b2b', reason: 'b2b_exception', evidence: [] },
    ]);
    expect(selection.counts).toEqual({ requested: 4, sent: 2, refused: { consent_missing: 2 } });
  });

  it('a consent to another partner is not a consent to this one', () => {
    const selection = selectForTransfer(DEFAULT_POLICY, candidates.slice(0, 1), {
      ...scope,
      partner: 'lmg-assurances',
    });
    expect(selection.sent).toEqual([]);
  });

  it('an opposition to the transfer refuses it even for a professional', () => {
    const opposed = registerOpposition(
      { ...provenance('s-b2b'), purpose: 'partner_transfer', channels: ['email'], partner: 'mg-services' },
      ctx(),
    );
    const selection = selectForTransfer(DEFAULT_POLICY, [candidate('s-b2b', 'b2b_contact', opposed)], scope);
    expect(selection.counts.refused).toEqual({ opposed: 1 });
  });

  it('names the policy version in force at the decision instant, even for an empty selection', () => {
    const { version } = policyInForce(DEFAULT_POLICY, scope.at);
    expect(selectForTransfer(DEFAULT_POLICY, [], scope).policy).toEqual({ id: DEFAULT_POLICY.id, version });
  });
});
