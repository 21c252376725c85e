import type { GiveConsent } from '../consents/consent-events';
import { LedgerError } from '../errors/ledger-error';
import { assertConsentProvable } from './consent-proof';
import { DEFAULT_POLICY } from './default-policy';

const AFTER_REVIEW = '2026-12-15T10:00:00.000Z';
const BEFORE_REVIEW = '2026-11-01T10:00:00.000Z';
const notice = { id: 'prospecting-notice', version: '2026-01' };
const proof = { type: 'double_opt_in' as const, ref: 'doi-1' };
const consent = (extra: Partial<GiveConsent>): GiveConsent => ({
  subjectId: 's-1',
  actor: { type: 'subject' },
  source: { collectionPoint: 'test', method: 'web_form', client: 'test' },
  purpose: 'prospecting',
  channels: ['email'],
  ...extra,
});

/** Finding 1: the burden of proving consent is the controller's (GDPR art. 7(1), law n° 2025-594). */
const cases: Array<{ situation: string; consent: GiveConsent; at: string; refused?: 'notice' | 'proof' }> = [
  {
    situation: 'email prospecting with its notice → recorded',
    consent: consent({ notice }),
    at: AFTER_REVIEW,
  },
  {
    situation: 'email prospecting without a notice → refused (notice)',
    consent: consent({}),
    at: AFTER_REVIEW,
    refused: 'notice',
  },
  {
    situation: 'telephone prospecting with a notice but no proof → refused (proof)',
    consent: consent({ notice, channels: ['phone'] }),
    at: AFTER_REVIEW,
    refused: 'proof',
  },
  {
    situation: 'telephone prospecting with notice and proof → recorded',
    consent: consent({ notice, proof, channels: ['phone'] }),
    at: AFTER_REVIEW,
  },
  {
    situation: 'email transfer to a partner without proof → refused (proof)',
    consent: consent({ notice, purpose: 'partner_transfer', partner: 'mg-services' }),
    at: AFTER_REVIEW,
    refused: 'proof',
  },
  {
    situation: 'postal transfer to a partner with its notice → recorded (no proof asked)',
    consent: consent({ notice, purpose: 'partner_transfer', partner: 'mg-services', channels: ['post'] }),
    at: AFTER_REVIEW,
  },
  {
    situation: 'email and phone prospecting in one consent → the phone asks for a proof',
    consent: consent({ notice, channels: ['email', 'phone'] }),
    at: AFTER_REVIEW,
    refused: 'proof',
  },
  {
    situation: 'recorded before the review was adopted → the rules of then (nothing asked)',
    consent: consent({ channels: ['phone'] }),
    at: BEFORE_REVIEW,
  },
];

describe('a consent the ledger can prove', () => {
  it.each(cases.map((c) => [c.situation, c] as const))('%s', (_situation, c) => {
    const check = () => assertConsentProvable(DEFAULT_POLICY, c.consent, c.at);
    if (c.refused === undefined) {
      expect(check).not.toThrow();
      return;
    }
    expect(check).toThrow(LedgerError);
    try {
      check();
    } catch (error) {
      expect(error).toMatchObject({ code: 'validation_failed', details: { errors: [{ field: c.refused }] } });
    }
  });
});
