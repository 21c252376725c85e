import { DEFAULT_POLICY } from '../policy/default-policy';
import { evolveSubjectRecord, type SubjectRecord } from '../subjects/subject-record';
import { registerSubject } from '../subjects/subject-registered';
import { registerOpposition, withdrawOpposition } from '../consents/consent-events';
import { lapseCookieConsent, recordCookieChoices } from '../cookies/cookie-choices-recorded';
import type { LedgerEvent } from '../events/ledger-event';
import { cookieConsentToLapse, retentionExpiry, suppressionOf } from './retention-sweep';

let n = 0;
const provenance = (occurredAt: string) => ({
  subjectId: 's',
  actor: { type: 'subject' as const },
  source: { collectionPoint: 'test', method: 'web_form' as const, client: 'test' },
  occurredAt,
});
const ctx = (now: string) => ({ eventId: `e-${++n}`, now });
const recordOf = (events: LedgerEvent[]): SubjectRecord =>
  events.reduce<SubjectRecord | null>(
    (record, event, i) => evolveSubjectRecord(record, event, { partition: 0, offset: String(i) }),
    null,
  )!;
const registration = (kind: 'prospect' | 'member', at: string) =>
  registerSubject(
    {
      ...provenance(at),
      kind,
      identifiers: { emails: ['a@x.fr'], phones: [] },
      identifierKeys: { emails: ['ab'.repeat(32)], phones: [] },
    },
    ctx(at),
  );

describe('what the retention worker decides', () => {
  it('a prospect registered 3 years and 1 day ago, silent since, is past retention; a member never is', () => {
    const prospect = recordOf([registration('prospect', '2023-12-14T10:00:00.000Z')]);
    expect(retentionExpiry(DEFAULT_POLICY, prospect, '2026-12-15T10:00:00.000Z')).toMatchObject({
      retentionMonths: 36,
      lastOwnActivity: { occurredAt: '2023-12-14T10:00:00.000Z' },
    });
    expect(retentionExpiry(DEFAULT_POLICY, prospect, '2026-12-13T10:00:00.000Z')).toBeUndefined();
    const member = recordOf([registration('member', '2020-01-01T00:00:00.000Z')]);
    expect(retentionExpiry(DEFAULT_POLICY, member, '2026-12-15T10:00:00.000Z')).toBeUndefined();
  });

  it('what outlives the person: identifier hashes and the oppositions still standing', () => {
    const at = '2026-01-01T00:00:00.000Z';
    const later = '2026-02-01T00:00:00.000Z';
    const record = recordOf([
      registration('prospect', at),
      registerOpposition({ ...provenance(at), purpose: 'prospecting', channels: ['phone'] }, ctx(at)),
      registerOpposition({ ...provenance(at), purpose: 'profiling' }, ctx(at)),
      withdrawOpposition({ ...provenance(later), purpose: 'profiling' }, ctx(later)),
    ]);
    expect(suppressionOf(record)).toEqual({
      identifierKeys: [`email:${'ab'.repeat(32)}`],
      oppositions: [{ purpose: 'prospecting', channels: ['phone'] }],
    });
  });

  it('a cookie consent lapses 13 months after it was given, and is recorded as lapsed once', () => {
    const at = '2025-01-10T00:00:00.000Z';
    const record = recordOf([
      registration('prospect', at),
      recordCookieChoices({ ...provenance(at), choices: { audience: true }, bannerVersion: 'v1' }, ctx(at)),
    ]);
    expect(cookieConsentToLapse(DEFAULT_POLICY, record, '2026-02-09T00:00:00.000Z')).toBeUndefined();
    const lapse = cookieConsentToLapse(DEFAULT_POLICY, record, '2026-02-11T00:00:00.000Z');
    expect(lapse).toEqual({
      choiceEventId: record.retained[1].id,
      categories: ['audience'],
      lapsedAt: '2026-02-10T00:00:00.000Z',
    });
    // Recorded once: a later sweep finds nothing more to lapse.
    const recorded = evolveSubjectRecord(
      record,
      lapseCookieConsent(
        { ...provenance('2026-02-11T00:00:00.000Z'), ...lapse! },
        ctx('2026-02-11T00:00:00.000Z'),
      ),
      { partition: 0, offset: '9' },
    );
    expect(cookieConsentToLapse(DEFAULT_POLICY, recorded, '2026-03-01T00:00:00.000Z')).toBeUndefined();
  });
});
