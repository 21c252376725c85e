import { recordCallAttempt, type CallOutcome } from '../calls/call-attempt-recorded';
import { registerOpposition } from '../consents/consent-events';
import type { LedgerEvent } from '../events/ledger-event';
import { evolveSubjectRecord, type SubjectRecord } from '../subjects/subject-record';
import { registerSubject } from '../subjects/subject-registered';
import type { Purpose } from '../vocabulary/purposes';
import { decideCallStart } from './call-start';
import { DEFAULT_POLICY } from './default-policy';

const provenance = (occurredAt: string) => ({
  subjectId: 's-1',
  actor: { type: 'subject' as const },
  source: { collectionPoint: 'test', method: 'phone_call' as const, client: 'test' },
  occurredAt,
});
let n = 0;
const ctx = (now: string) => ({ eventId: `e-${++n}`, now });
const prospect = (at: string) =>
  registerSubject({ ...provenance(at), kind: 'prospect', identifiers: { emails: [], phones: [] } }, ctx(at));
const attempt = (at: string, outcome: CallOutcome = 'no_answer') =>
  recordCallAttempt({ ...provenance(at), callId: `c-${n}`, kind: 'canvassing', outcome }, ctx(at));
const objection = (at: string, purpose: Purpose) =>
  registerOpposition({ ...provenance(at), purpose, channels: ['phone'] }, ctx(at));

function recordOf(events: LedgerEvent[]): SubjectRecord | null {
  return events.reduce<SubjectRecord | null>(
    (record, event, i) => evolveSubjectRecord(record, event, { partition: 0, offset: String(i) }),
    null,
  );
}

// Tuesday 2 June 2026, 10:30 in Paris (UTC+2): inside the D.223-9 hours, before the 11 August switch.
const TUESDAY_MORNING = '2026-06-02T08:30:00.000Z';
const SATURDAY_MORNING = '2026-06-06T08:30:00.000Z';
const TUESDAY_LUNCH = '2026-06-02T11:30:00.000Z';
const known = recordOf([prospect('2026-05-01T10:00:00.000Z')]);

describe('decideCallStart: the call-centre rule in one place', () => {
  it('a service call is only asked about recording, with the destroy-by dates of the policy', () => {
    const start = decideCallStart(DEFAULT_POLICY, known, { kind: 'service', at: TUESDAY_MORNING });
    expect(start.canvassing).toBeUndefined();
    expect(start.recording.canvassing).toBeUndefined();
    expect(start.recording.quality).toMatchObject({
      allowed: true,
      destroyBy: { recording: '2026-12-02T08:30:00.000Z', analysisGrid: '2027-06-02T08:30:00.000Z' },
    });
  });

  it('a canvassing call inside the hours, to a prospect who never objected, is allowed', () => {
    const start = decideCallStart(DEFAULT_POLICY, known, { kind: 'canvassing', at: TUESDAY_MORNING });
    expect(start.canvassing).toEqual({ allowed: true, reason: 'not_opposed', evidence: [] });
    expect(start.recording.canvassing?.destroyBy.recording).toBe('2028-06-02T08:30:00.000Z');
  });

  it.each([
    ['on a Saturday', SATURDAY_MORNING],
    ['between 13:00 and 14:00', TUESDAY_LUNCH],
    ['on a public holiday (Whit Monday 25 May 2026)', '2026-05-25T08:30:00.000Z'],
  ])('a canvassing call %s is refused outside_calling_hours', (_, at) => {
    const start = decideCallStart(DEFAULT_POLICY, known, { kind: 'canvassing', at });
    expect(start.canvassing).toEqual({ allowed: false, reason: 'outside_calling_hours', evidence: [] });
  });

  it('the fifth canvassing attempt in 30 days is refused; one older than 30 days does not count', () => {
    const days = ['2026-05-01', '2026-05-05', '2026-05-12', '2026-05-19', '2026-05-26'];
    const four = [
      prospect('2026-04-01T10:00:00.000Z'),
      ...days.slice(1).map((d) => attempt(`${d}T08:00:00.000Z`)),
    ];
    const fourRecent = decideCallStart(DEFAULT_POLICY, recordOf(four), {
      kind: 'canvassing',
      at: TUESDAY_MORNING,
    });
    expect(fourRecent.canvassing?.reason).toBe('attempt_limit_reached');

    const threeRecent = recordOf([four[0], attempt(`${days[0]}T08:00:00.000Z`), ...four.slice(2)]);
    const start = decideCallStart(DEFAULT_POLICY, threeRecent, { kind: 'canvassing', at: TUESDAY_MORNING });
    expect(start.canvassing?.allowed).toBe(true);
  });

  it('an opposition to telephone prospecting wins over the hours, with the opposition as evidence', () => {
    const opposed = objection('2026-05-02T10:00:00.000Z', 'prospecting');
    const record = recordOf([prospect('2026-05-01T10:00:00.000Z'), opposed]);
    const start = decideCallStart(DEFAULT_POLICY, record, { kind: 'canvassing', at: SATURDAY_MORNING });
    expect(start.canvassing).toEqual({ allowed: false, reason: 'opposed', evidence: [opposed.id] });
  });

  it('a refusal during an earlier canvassing call blocks the next one', () => {
    const refused = attempt('2026-05-20T08:00:00.000Z', 'refused');
    const record = recordOf([prospect('2026-05-01T10:00:00.000Z'), refused]);
    const start = decideCallStart(DEFAULT_POLICY, record, { kind: 'canvassing', at: TUESDAY_MORNING });
    expect(start.canvassing).toMatchObject({ allowed: false, reason: 'refused_during_call' });
  });

  it('an objection to canvassing recording refuses that recording, not the quality one', () => {
    const record = recordOf([
      prospect('2026-05-01T10:00:00.000Z'),
      objection('2026-05-02T10:00:00.000Z', 'call_recording_canvassing'),
    ]);
    const start = decideCallStart(DEFAULT_POLICY, record, { kind: 'canvassing', at: TUESDAY_MORNING });
    expect(start.recording.canvassing?.allowed).toBe(false);
    expect(start.recording.quality.allowed).toBe(true);
  });

  it('(finding 6) after the review, an objection to canvassing recording refuses the canvassing call at start', () => {
    const objected = objection('2026-12-01T10:00:00.000Z', 'call_recording_canvassing');
    const record = recordOf([
      registerSubject(
        {
          ...provenance('2026-05-01T10:00:00.000Z'),
          kind: 'b2b_contact',
          identifiers: { emails: [], phones: [] },
        },
        ctx('2026-05-01T10:00:00.000Z'),
      ),
      objected,
    ]);
    // Tuesday 15 December 2026, 10:30 Paris: a professional, under opposition only, inside the hours.
    const start = decideCallStart(DEFAULT_POLICY, record, {
      kind: 'canvassing',
      at: '2026-12-15T09:30:00.000Z',
    });
    expect(start.canvassing).toEqual({
      allowed: false,
      reason: 'recording_objection',
      evidence: [objected.id],
    });
    // Before the review, the same objection only refused the recording, not the call.
    const early = objection('2026-05-02T10:00:00.000Z', 'call_recording_canvassing');
    const before = decideCallStart(DEFAULT_POLICY, recordOf([prospect('2026-05-01T10:00:00.000Z'), early]), {
      kind: 'canvassing',
      at: TUESDAY_MORNING,
    });
    expect(before.canvassing).toMatchObject({ allowed: true, reason: 'not_opposed' });
    expect(before.recording.canvassing).toMatchObject({ allowed: false, reason: 'opposed' });
  });

  it('(finding 8) after the review, the hours are those where the person lives', () => {
    const inReunion = recordOf([
      registerSubject(
        {
          ...provenance('2026-05-01T10:00:00.000Z'),
          kind: 'b2b_contact',
          identifiers: { emails: [], phones: [] },
          timeZone: 'Indian/Reunion',
          holidayCalendar: 'la-reunion',
        },
        ctx('2026-05-01T10:00:00.000Z'),
      ),
    ]);
    // Tuesday 15 December 2026 at 07:30 UTC: 11:30 in La Réunion, 08:30 in Paris.
    const at = '2026-12-15T07:30:00.000Z';
    expect(decideCallStart(DEFAULT_POLICY, inReunion, { kind: 'canvassing', at }).canvassing).toMatchObject({
      allowed: true,
      reason: 'b2b_exception',
    });
    expect(() =>
      registerSubject(
        {
          ...provenance(at),
          kind: 'prospect',
          identifiers: { emails: [], phones: [] },
          timeZone: 'Mars/Olympus',
        },
        ctx(at),
      ),
    ).toThrow('IANA');
  });

  it('after the 11 August 2026 switch, telephone canvassing of a prospect needs consent', () => {
    const start = decideCallStart(DEFAULT_POLICY, known, {
      kind: 'canvassing',
      at: '2026-09-01T08:30:00.000Z',
    });
    expect(start.canvassing).toMatchObject({ allowed: false, reason: 'consent_missing' });
  });
});
