import { recordCallAttempt } from '../calls/call-attempt-recorded';
import { giveConsent, registerOpposition } from '../consents/consent-events';
import { appliedBeforeAnswer } from './applied-before-answer';

const base = (method: 'api' | 'phone_call') => ({
  subjectId: 's-1',
  actor: { type: 'subject' as const },
  source: { collectionPoint: 'test', method, client: 'test' },
});
const ctx = { eventId: 'e-1', now: '2026-03-01T10:00:00.000Z' };

describe('which writes answer only once applied', () => {
  it('a call outcome and an objection said during a call', () => {
    expect(
      appliedBeforeAnswer(
        recordCallAttempt({ ...base('api'), callId: 'c', kind: 'canvassing', outcome: 'refused' }, ctx),
      ),
    ).toBe(true);
    expect(
      appliedBeforeAnswer(
        registerOpposition(
          { ...base('phone_call'), purpose: 'call_recording_quality', channels: ['phone'] },
          ctx,
        ),
      ),
    ).toBe(true);
  });

  it('not a consent or an opposition sent through the API: effective when acknowledged', () => {
    expect(
      appliedBeforeAnswer(giveConsent({ ...base('api'), purpose: 'prospecting', channels: ['email'] }, ctx)),
    ).toBe(false);
    expect(
      appliedBeforeAnswer(
        registerOpposition({ ...base('api'), purpose: 'prospecting', channels: ['email'] }, ctx),
      ),
    ).toBe(false);
  });
});
