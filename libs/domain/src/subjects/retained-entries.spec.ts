import { recordCallAttempt } from '../calls/call-attempt-recorded';
import {
  giveConsent,
  registerOpposition,
  withdrawConsent,
  withdrawOpposition,
} from '../consents/consent-events';
import { recordCookieChoices } from '../cookies/cookie-choices-recorded';
import type { LedgerEvent } from '../events/ledger-event';
import { DEFAULT_POLICY } from '../policy/default-policy';
import { decide, type DecisionQuery } from '../policy/decide';
import { CHANNELS, COOKIE_CATEGORIES, PARTNERS, type Channel, type Purpose } from '../vocabulary/purposes';
import { ENTRIES_PER_KEY } from './retained-entries';
import {
  evolveSubjectRecord,
  historyEntry,
  needsFullHistory,
  withFullHistory,
  type HistoryEntry,
  type SubjectRecord,
} from './subject-record';
import { registerSubject } from './subject-registered';

const START = Date.parse('2026-01-01T08:00:00.000Z');
const HOUR = 3_600_000;
const source = { collectionPoint: 'test', method: 'web_form' as const, client: 'test' };

/** A small deterministic generator (mulberry32): the same histories on every run. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PURPOSES: Purpose[] = ['prospecting', 'partner_transfer', 'profiling', 'call_recording_quality'];

/** One subject's events: choices, registrations, cookie banners, calls; some back-dated. */
function historyOf(seed: number, length: number): LedgerEvent[] {
  const next = random(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)];
  const events: LedgerEvent[] = [];
  for (let i = 0; i < length; i++) {
    const now = new Date(START + i * HOUR).toISOString();
    // One event in five is dated up to three days back (a letter, a late import).
    const occurredAt = new Date(START + i * HOUR - (next() < 0.2 ? next() * 72 * HOUR : 0)).toISOString();
    const base = { subjectId: 's', actor: { type: 'subject' as const }, source, occurredAt };
    const context = { eventId: `e-${seed}-${i}`, now };
    const purpose = pick(PURPOSES);
    const channels = [pick(CHANNELS), ...(next() < 0.3 ? [pick(CHANNELS)] : [])] as Channel[];
    const scope = {
      purpose,
      channels: [...new Set(channels)],
      ...(purpose === 'partner_transfer' ? { partner: pick(PARTNERS) } : {}),
    };
    const roll = next();
    if (roll < 0.25) events.push(giveConsent({ ...base, ...scope }, context));
    else if (roll < 0.45) events.push(withdrawConsent({ ...base, ...scope }, context));
    else if (roll < 0.6) events.push(registerOpposition({ ...base, ...scope }, context));
    else if (roll < 0.7) events.push(withdrawOpposition({ ...base, ...scope }, context));
    else if (roll < 0.8) {
      const choices = Object.fromEntries(COOKIE_CATEGORIES.map((c) => [c, next() < 0.5]));
      events.push(recordCookieChoices({ ...base, choices, bannerVersion: 'v1' }, context));
    } else if (roll < 0.87) {
      const kind = pick(['member', 'prospect', 'b2b_contact'] as const);
      events.push(registerSubject({ ...base, kind, identifiers: { emails: [], phones: [] } }, context));
    } else {
      const outcome = pick(['answered', 'no_answer', 'refused'] as const);
      events.push(recordCallAttempt({ ...base, callId: `c-${i}`, kind: 'canvassing', outcome }, context));
    }
  }
  return events;
}

function project(events: LedgerEvent[]): { record: SubjectRecord; full: HistoryEntry[] } {
  let record: SubjectRecord | null = null;
  const full: HistoryEntry[] = [];
  events.forEach((event, i) => {
    const position = { partition: 0, offset: String(i) };
    record = evolveSubjectRecord(record, event, position);
    full.push(historyEntry(event, position, i));
  });
  return { record: record!, full };
}

const QUERIES: Array<Omit<DecisionQuery, 'at'>> = [
  ...PURPOSES.flatMap((purpose) =>
    CHANNELS.map((channel) => ({
      purpose,
      channel,
      ...(purpose === 'partner_transfer' ? { partner: PARTNERS[0] } : {}),
    })),
  ),
  ...COOKIE_CATEGORIES.map((c) => ({ purpose: `cookies_${c}` as const, channel: 'web' as const })),
];

describe('the retained entries of a subject', () => {
  it('stay bounded whatever the length of the history', () => {
    const sizes = [200, 2000, 10_000].map((length) => project(historyOf(7, length)).record.retained.length);
    // Per key a few entries, whatever the length: the bound is set by keys, not by events.
    const keys = PURPOSES.length * CHANNELS.length * PARTNERS.length * 2 + 2;
    expect(Math.max(...sizes)).toBeLessThan(2 * keys * ENTRIES_PER_KEY);
    expect(sizes[2]).toBeLessThanOrEqual(sizes[1] * 1.2);
  });

  it('count every event and keep the last one of each kind', () => {
    const { record, full } = project(historyOf(3, 1000));
    expect(record.eventCount).toBe(1000);
    expect(record.retained.map((e) => e.id)).toContain(full[999].id);
    expect(record.completeFrom).toBeDefined();
  });

  it.each([1, 2, 3, 4, 5, 6, 7, 8])(
    'answer every decision from completeFrom on exactly as the full history (seed %i)',
    (seed) => {
      const { record, full } = project(historyOf(seed, 600));
      const complete = withFullHistory(record, full);
      const from = Date.parse(record.completeFrom!);
      const end = START + 600 * HOUR + 40 * 86_400_000;
      let compared = 0;
      for (let at = from; at <= end; at += Math.ceil((end - from) / 37)) {
        for (const query of QUERIES) {
          const q = { ...query, at: new Date(at).toISOString() };
          expect(needsFullHistory(record, q.at)).toBe(false);
          expect(decide(DEFAULT_POLICY, record, q)).toEqual(decide(DEFAULT_POLICY, complete, q));
          compared++;
        }
      }
      expect(compared).toBeGreaterThanOrEqual(37 * QUERIES.length);
    },
  );

  it('send a question about an earlier instant to the full history, which answers it', () => {
    const { record, full } = project(historyOf(11, 600));
    const before = new Date(Date.parse(record.completeFrom!) - 1).toISOString();
    expect(needsFullHistory(record, before)).toBe(true);
    const query = { purpose: 'prospecting' as const, channel: 'email' as const, at: before };
    expect(() => decide(DEFAULT_POLICY, record, query)).toThrow(/full history/);
    expect(decide(DEFAULT_POLICY, withFullHistory(record, full), query).reason).toBeDefined();
  });

  it('skip a log record already applied, and an event id still retained', () => {
    const [event, other] = historyOf(5, 2);
    const once = evolveSubjectRecord(null, event, { partition: 0, offset: '4' });
    expect(evolveSubjectRecord(once, other, { partition: 0, offset: '4' })).toBe(once);
    expect(evolveSubjectRecord(once, event, { partition: 0, offset: '9' })).toBe(once);
  });
});
