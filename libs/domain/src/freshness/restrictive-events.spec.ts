import { recordCallAttempt } from '../calls/call-attempt-recorded';
import { recordCallStart, recordRecordingObjection } from '../calls/call-recordings';
import {
  giveConsent,
  registerOpposition,
  withdrawConsent,
  withdrawOpposition,
} from '../consents/consent-events';
import { recordContact } from '../contacts/contact-recorded';
import { lapseCookieConsent, recordCookieChoices } from '../cookies/cookie-choices-recorded';
import type { LedgerEvent } from '../events/ledger-event';
import { recordPartnerTransfer } from '../partner-transfers/partner-transfer-recorded';
import { decideCallStart } from '../policy/call-start';
import { decide } from '../policy/decide';
import { DEFAULT_POLICY } from '../policy/default-policy';
import { setPreferences } from '../preferences/preferences-set';
import { endRelationship, establishRelationship } from '../relationships/customer-relationship';
import { recordPostMortemDirectives } from '../rights/post-mortem-directives';
import { liftRestriction, restrictProcessing } from '../rights/processing-restriction';
import { receiveRightsRequest } from '../rights/rights-request';
import { eraseSubject, expireSubject } from '../rights/subject-erased';
import { evolveSubjectRecord, type SubjectRecord } from '../subjects/subject-record';
import { registerSubject } from '../subjects/subject-registered';
import { SUBJECT_KINDS } from '../subjects/subject-kind';
import {
  CHANNELS,
  DECISION_CHANNELS,
  DECISION_PURPOSES,
  PARTNERS,
  PURPOSES,
  type Channel,
  type Partner,
  type Purpose,
} from '../vocabulary/purposes';
import { isRestrictive, markKeysOf, RESTRICTIVENESS } from './restrictive-events';

/** Deterministic: a failure names its seed and is the same on every run. */
function random(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)];
  return { next, pick };
}

/** Questions are asked before and after the 2026-08-11 telephone switch. */
const ASKED_AT = ['2026-06-01T12:00:00.000Z', '2026-11-30T15:00:00.000Z'];
const START = Date.parse('2025-01-01T00:00:00.000Z');

type Rng = ReturnType<typeof random>;

/** An instant before `until`: what a history and a back-dated event are made of. */
const instantBefore = (rng: Rng, until: string) =>
  new Date(START + Math.floor(rng.next() * (Date.parse(until) - START))).toISOString();

const SUBJECT = 's-1';
const base = (rng: Rng, occurredAt: string) => ({
  subjectId: SUBJECT,
  actor: { type: rng.pick(['subject', 'agent', 'system'] as const) },
  source: {
    collectionPoint: 'test',
    method: rng.pick(['api', 'web_form', 'phone_call'] as const),
    client: 't',
  },
  occurredAt,
});

const channelsOf = (rng: Rng): Channel[] => [...new Set([rng.pick(CHANNELS), rng.pick(CHANNELS)])];
const scopeOf = (rng: Rng): { purpose: Purpose; channels: Channel[]; partner?: Partner } => {
  const purpose = rng.pick(PURPOSES);
  return {
    purpose,
    channels: channelsOf(rng),
    ...(purpose === 'partner_transfer' ? { partner: rng.pick(PARTNERS) } : {}),
  };
};

/** One event of each type the ledger records, with random data, occurring at `at`, recorded at `now`. */
const BUILDERS: Record<string, (rng: Rng, at: string, now: string, id: string) => LedgerEvent> = {
  SubjectRegistered: (rng, at, now, id) =>
    registerSubject(
      {
        ...base(rng, at),
        kind: rng.pick(SUBJECT_KINDS),
        identifiers: { emails: [`${id}@x.fr`], phones: [] },
        identifierKeys: { emails: [`hash-${id}`], phones: [] },
      },
      { eventId: id, now },
    ),
  ConsentGiven: (rng, at, now, id) =>
    giveConsent(
      {
        ...base(rng, at),
        ...scopeOf(rng),
        ...(rng.next() < 0.3
          ? { expiresAt: new Date(Date.parse(at) + rng.next() * 4e10).toISOString() }
          : {}),
      },
      { eventId: id, now },
    ),
  ConsentWithdrawn: (rng, at, now, id) =>
    withdrawConsent({ ...base(rng, at), ...scopeOf(rng) }, { eventId: id, now }),
  OppositionRegistered: (rng, at, now, id) => {
    const { purpose, channels, partner } = scopeOf(rng);
    return registerOpposition(
      {
        ...base(rng, at),
        purpose,
        ...(rng.next() < 0.7 ? { channels } : {}),
        ...(partner !== undefined && rng.next() < 0.7 ? { partner } : {}),
      },
      { eventId: id, now },
    );
  },
  OppositionWithdrawn: (rng, at, now, id) => {
    const { purpose, channels, partner } = scopeOf(rng);
    return withdrawOpposition(
      {
        ...base(rng, at),
        purpose,
        ...(rng.next() < 0.7 ? { channels } : {}),
        ...(partner !== undefined && rng.next() < 0.7 ? { partner } : {}),
      },
      { eventId: id, now },
    );
  },
  PreferencesSet: (rng, at, now, id) =>
    setPreferences(
      { ...base(rng, at), channels: { [rng.pick(CHANNELS)]: { frequency: 'never' } }, topics: ['x'] },
      { eventId: id, now },
    ),
  ContactRecorded: (rng, at, now, id) =>
    recordContact(
      {
        ...base(rng, at),
        channel: rng.pick(CHANNELS),
        initiatedBy: rng.pick(['subject', 'company'] as const),
      },
      { eventId: id, now },
    ),
  CustomerRelationshipEstablished: (rng, at, now, id) =>
    establishRelationship(
      { ...base(rng, at), contractRef: rng.pick(['C-1', 'C-2']), productLine: 'sante', startedAt: at },
      { eventId: id, now },
    ),
  CustomerRelationshipEnded: (rng, at, now, id) =>
    endRelationship(
      { ...base(rng, at), contractRef: rng.pick(['C-1', 'C-2']), endedAt: at },
      { eventId: id, now },
    ),
  CookieChoicesRecorded: (rng, at, now, id) =>
    recordCookieChoices(
      {
        ...base(rng, at),
        choices: {
          functional: rng.next() < 0.5,
          audience: rng.next() < 0.5,
          advertising: rng.next() < 0.5,
          social: rng.next() < 0.5,
        },
        bannerVersion: 'v3',
      },
      { eventId: id, now },
    ),
  CookieConsentLapsed: (rng, at, now, id) =>
    lapseCookieConsent(
      { ...base(rng, at), choiceEventId: 'e-0', categories: ['functional', 'audience'], lapsedAt: at },
      { eventId: id, now },
    ),
  CallAttemptRecorded: (rng, at, now, id) =>
    recordCallAttempt(
      {
        ...base(rng, at),
        callId: id,
        kind: rng.pick(['service', 'canvassing'] as const),
        outcome: rng.pick(['answered', 'no_answer', 'refused'] as const),
      },
      { eventId: id, now },
    ),
  CallStarted: (rng, at, now, id) =>
    recordCallStart(
      { ...base(rng, at), callId: id, kind: rng.pick(['service', 'canvassing'] as const), recordings: [] },
      { eventId: id, now },
    ),
  RecordingObjected: (rng, at, now, id) =>
    recordRecordingObjection(
      {
        ...base(rng, at),
        callId: id,
        recording: rng.pick(['quality', 'canvassing'] as const),
        destroyBy: now,
      },
      { eventId: id, now },
    ),
  ProcessingRestricted: (rng, at, now, id) =>
    restrictProcessing({ ...base(rng, at), reason: 'accuracy contested' }, { eventId: id, now }),
  RestrictionLifted: (rng, at, now, id) =>
    liftRestriction({ ...base(rng, at), reason: 'verified' }, { eventId: id, now }),
  RightsRequestReceived: (rng, at, now, id) =>
    receiveRightsRequest(
      { ...base(rng, at), requestId: id, type: 'access', channel: 'email', receivedAt: at },
      { eventId: id, now },
    ),
  PostMortemDirectivesRecorded: (rng, at, now, id) =>
    recordPostMortemDirectives({ ...base(rng, at), directives: 'erase' }, { eventId: id, now }),
  PartnerTransferRecorded: (rng, at, now, id) =>
    recordPartnerTransfer(
      {
        ...base(rng, at),
        transfer: {
          transferId: id,
          partner: 'mg-services',
          channel: 'post',
          policy: { id: 'p', version: 'v' },
          decidedAt: now,
          counts: { requested: 0, sent: 0, refused: {} },
          listHash: '',
          sent: [],
        },
      },
      { eventId: id, now },
    ),
  SubjectErased: (rng, at, now, id) =>
    eraseSubject(
      { ...base(rng, at), suppression: { identifierKeys: ['email:h'], oppositions: [] } },
      { eventId: id, now },
    ),
  SubjectExpired: (rng, at, now, id) =>
    expireSubject(
      {
        ...base(rng, at),
        lastOwnActivityAt: now,
        retentionMonths: 36,
        suppression: { identifierKeys: [], oppositions: [] },
      },
      { eventId: id, now },
    ),
};
const START_ISO = new Date(START).toISOString();

/** Types no more likely to appear in a history than another: erasures would end most of them. */
const HISTORY_TYPES = Object.keys(BUILDERS).filter((t) => t !== 'SubjectErased' && t !== 'SubjectExpired');

/** A random history of up to 10 events, recorded in order before `until` (null: never seen). */
function historyBefore(rng: Rng, until: string, n: number): SubjectRecord | null {
  const count = Math.floor(rng.next() * 11);
  const recordedAts = Array.from({ length: count }, () => instantBefore(rng, until)).sort();
  let record: SubjectRecord | null = null;
  recordedAts.forEach((recordedAt, i) => {
    const type = i === 0 && rng.next() < 0.7 ? 'SubjectRegistered' : rng.pick(HISTORY_TYPES);
    const occurredAt = rng.next() < 0.8 ? recordedAt : instantBefore(rng, recordedAt);
    const event = BUILDERS[type](rng, occurredAt, recordedAt, `h-${n}-${i}`);
    record = evolveSubjectRecord(record, event, { partition: 0, offset: String(i) });
  });
  return record;
}

/** When the next event is recorded: after the history's last, before the question. */
function recordedAfter(rng: Rng, record: SubjectRecord | null, at: string): string {
  const from = record === null ? START : Date.parse(record.updatedAt);
  return new Date(from + Math.floor(rng.next() * (Date.parse(at) - from))).toISOString();
}

/** Histories too particular for a random search to meet: where the event shows its restrictiveness. */
const WITNESSES: Record<string, () => { history: SubjectRecord | null; event: LedgerEvent; at: string }> = {
  // A consent back-dated to February, ending last month, replaces one without an end.
  ConsentGiven: () => {
    const rng = random(5);
    const scope = { purpose: 'prospecting' as const, channels: ['email' as const] };
    const given = giveConsent(
      { ...base(rng, '2026-01-10T10:00:00.000Z'), ...scope },
      { eventId: 'c1', now: '2026-01-10T10:00:00.000Z' },
    );
    const ending = giveConsent(
      { ...base(rng, '2026-02-01T10:00:00.000Z'), ...scope, expiresAt: '2026-10-31T10:00:00.000Z' },
      { eventId: 'c2', now: '2026-11-20T10:00:00.000Z' },
    );
    return {
      history: evolveSubjectRecord(null, given, { partition: 0, offset: '0' }),
      event: ending,
      at: ASKED_AT[1],
    };
  },
  // A fourth canvassing call in 30 days (D.223-9).
  CallStarted: () => {
    const rng = random(6);
    let history: SubjectRecord | null = evolveSubjectRecord(
      null,
      registerSubject(
        {
          ...base(rng, '2026-01-01T10:00:00.000Z'),
          kind: 'b2b_contact',
          identifiers: { emails: [], phones: [] },
        },
        { eventId: 'r', now: '2026-01-01T10:00:00.000Z' },
      ),
      { partition: 0, offset: '0' },
    );
    const call = (day: number) => {
      const at = `2026-11-${String(day).padStart(2, '0')}T14:00:00.000Z`;
      return recordCallStart(
        { ...base(rng, at), callId: `k${day}`, kind: 'canvassing', recordings: [] },
        { eventId: `k${day}`, now: at },
      );
    };
    for (const day of [23, 24, 25])
      history = evolveSubjectRecord(history, call(day), { partition: 0, offset: String(day) });
    return { history, event: call(26), at: ASKED_AT[1] };
  },
};

/** Every answer of the policy about this record at `at`, by the question asked. */
function answers(record: SubjectRecord | null, at: string): Map<string, boolean> {
  const allowed = new Map<string, boolean>();
  for (const purpose of DECISION_PURPOSES)
    for (const channel of DECISION_CHANNELS)
      for (const partner of purpose === 'partner_transfer' ? PARTNERS : [undefined]) {
        const decision = decide(DEFAULT_POLICY, record, {
          purpose,
          channel,
          at,
          ...(partner ? { partner } : {}),
        });
        allowed.set(`${purpose}/${channel}/${partner ?? ''}`, decision.allowed);
      }
  for (const kind of ['service', 'canvassing'] as const) {
    const call = decideCallStart(DEFAULT_POLICY, record, { kind, at });
    allowed.set(`call ${kind}: prospecting`, call.canvassing?.allowed ?? true);
    allowed.set(`call ${kind}: quality recording`, call.recording.quality.allowed);
    if (call.recording.canvassing)
      allowed.set(`call ${kind}: canvassing recording`, call.recording.canvassing.allowed);
  }
  return allowed;
}

/** What the event, applied to the record, refuses that was allowed (empty: nothing). */
function refusedBy(record: SubjectRecord | null, event: LedgerEvent, at: string): string[] {
  const before = answers(record, at);
  const after = answers(evolveSubjectRecord(record, event, { partition: 0, offset: '100' }), at);
  return [...before]
    .filter(([question, allowed]) => allowed && after.get(question) === false)
    .map(([q]) => q);
}

const CASES = 300;

describe('restrictive events: only they can refuse what was allowed', () => {
  it('declares every type the ledger records, and an undeclared one is restrictive (fail closed)', () => {
    expect(Object.keys(RESTRICTIVENESS).sort()).toEqual(
      Object.keys(BUILDERS)
        .concat('RightsRequestExtended', 'RightsRequestCompleted', 'RightsRequestRefused')
        .sort(),
    );
    const unknown = {
      ...BUILDERS.PreferencesSet(random(1), START_ISO, START_ISO, 'x'),
      type: 'SomethingNew',
    };
    expect(isRestrictive(unknown)).toBe(true);
  });

  it.each(Object.keys(BUILDERS).filter((type) => RESTRICTIVENESS[type] !== true))(
    '%s declared not restrictive (or only with some data): applied to random histories, it never refuses what was allowed',
    (type) => {
      const rng = random(type.length * 7919);
      let checked = 0;
      for (let n = 0; n < CASES; n++) {
        const at = rng.pick(ASKED_AT);
        const record = historyBefore(rng, at, n);
        const recordedAt = recordedAfter(rng, record, at);
        const occurredAt = rng.next() < 0.7 ? recordedAt : instantBefore(rng, recordedAt);
        const event = BUILDERS[type](rng, occurredAt, recordedAt, `new-${n}`);
        if (isRestrictive(event)) continue;
        checked++;
        const refused = refusedBy(record, event, at);
        if (refused.length > 0)
          throw new Error(
            `case ${n}: ${JSON.stringify(event.data)} refused ${refused.join(', ')} asked at ${at}`,
          );
      }
      expect(checked).toBeGreaterThan(CASES / 4);
      // The histories a random search rarely meets, too.
      const witness = WITNESSES[type]?.();
      if (witness && !isRestrictive(witness.event))
        expect(refusedBy(witness.history, witness.event, witness.at)).toEqual([]);
    },
  );

  it.each(Object.keys(BUILDERS).filter((type) => RESTRICTIVENESS[type] !== false))(
    '%s declared restrictive: some history shows why (it refuses something that was allowed)',
    (type) => {
      const rng = random(type.length * 104729);
      for (let n = 0; n < CASES * 5; n++) {
        const at = rng.pick(ASKED_AT);
        const record = historyBefore(rng, at, n);
        const recordedAt = recordedAfter(rng, record, at);
        const event = BUILDERS[type](rng, recordedAt, recordedAt, `new-${n}`);
        if (isRestrictive(event) && refusedBy(record, event, at).length > 0) return;
      }
      const witness = WITNESSES[type];
      if (witness === undefined)
        throw new Error(`no history found where ${type} refuses anything: is it really restrictive?`);
      const { history, event, at } = witness();
      expect(refusedBy(history, event, at)).not.toEqual([]);
    },
  );

  it('a restrictive event holds back reads about its subject, and lookups by what a registration links or an erasure unlinks', () => {
    const rng = random(3);
    const registered = BUILDERS.SubjectRegistered(rng, START_ISO, START_ISO, 'r');
    expect(markKeysOf(registered)).toEqual(['s:s-1', 'i:email:hash-r']);
    expect(markKeysOf(BUILDERS.SubjectErased(rng, START_ISO, START_ISO, 'e'))).toEqual([
      's:s-1',
      'i:email:h',
    ]);
    expect(markKeysOf(BUILDERS.ConsentWithdrawn(rng, START_ISO, START_ISO, 'w'))).toEqual(['s:s-1']);
    expect(markKeysOf(BUILDERS.PreferencesSet(rng, START_ISO, START_ISO, 'p'))).toEqual([]);
  });
});
