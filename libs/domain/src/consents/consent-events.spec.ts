import { LedgerError } from '../errors/ledger-error';
import { giveConsent, registerOpposition, withdrawConsent, type GiveConsent } from './consent-events';

const context = { eventId: 'e-1', now: '2026-06-01T12:00:00.000Z' };
const base: GiveConsent = {
  subjectId: 's-1',
  purpose: 'prospecting',
  channels: ['email', 'sms', 'email'],
  actor: { type: 'subject' },
  source: { collectionPoint: 'site/newsletter', method: 'web_form', client: 'site' },
};

const failure = (fn: () => unknown): LedgerError => {
  try {
    fn();
  } catch (error) {
    if (error instanceof LedgerError) return error;
    throw error;
  }
  throw new Error('expected a LedgerError');
};

describe('consent and opposition events', () => {
  it('records a consent with de-duplicated channels, occurring now by default', () => {
    const event = giveConsent(base, context);
    expect(event).toMatchObject({
      type: 'ConsentGiven',
      schemaVersion: 1,
      occurredAt: context.now,
      recordedAt: context.now,
      data: { purpose: 'prospecting', channels: ['email', 'sms'] },
    });
    expect(event.data).not.toHaveProperty('partner');
  });

  it('accepts a back-dated fact and keeps both instants', () => {
    const event = withdrawConsent({ ...base, occurredAt: '2026-05-01T08:00:00+02:00' }, context);
    expect(event.occurredAt).toBe('2026-05-01T06:00:00.000Z');
    expect(event.recordedAt).toBe(context.now);
  });

  it.each([
    ['a fact in the future', { occurredAt: '2026-06-01T12:00:01.000Z' }, 'occurredAt'],
    ['partner_transfer without a partner', { purpose: 'partner_transfer' as const }, 'partner'],
    ['a partner on another purpose', { partner: 'mg-services' as const }, 'partner'],
    ['an expiry before the consent', { expiresAt: '2026-05-31T00:00:00.000Z' }, 'expiresAt'],
  ])('refuses %s', (_name, change, field) => {
    const error = failure(() => giveConsent({ ...base, ...change }, context));
    expect(error.code).toBe('validation_failed');
    expect(error.details).toEqual({ errors: [expect.objectContaining({ field })] });
  });

  it('qualifies a partner transfer opposition by its partner', () => {
    const event = registerOpposition(
      { ...base, purpose: 'partner_transfer', partner: 'lmg-assurances', channels: ['phone'] },
      context,
    );
    expect(event.data).toEqual({
      purpose: 'partner_transfer',
      channels: ['phone'],
      partner: 'lmg-assurances',
    });
  });
});
