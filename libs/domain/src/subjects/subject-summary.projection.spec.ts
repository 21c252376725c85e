import type { LedgerEvent } from '../events/ledger-event';
import { registerSubject } from './subject-registered';
import { evolveSubjectSummary } from './subject-summary.projection';

const registered = (eventId: string, kind: 'member' | 'prospect', at: string) =>
  registerSubject(
    {
      subjectId: 's-1',
      kind,
      actor: { type: 'system' },
      source: { collectionPoint: 'test', method: 'api', client: 'test' },
      identifiers: { emails: [], phones: [] },
      occurredAt: at,
    },
    { eventId, now: at },
  );

describe('subject summary projection', () => {
  it('creates the summary from the first registration', () => {
    expect(evolveSubjectSummary(null, registered('e1', 'prospect', '2026-01-01T00:00:00.000Z'))).toEqual({
      subjectId: 's-1',
      kind: 'prospect',
      registeredAt: '2026-01-01T00:00:00.000Z',
      updatedAt: '2026-01-01T00:00:00.000Z',
      lastEventId: 'e1',
    });
  });

  it('keeps the first registration time when the kind changes later', () => {
    const first = evolveSubjectSummary(null, registered('e1', 'prospect', '2026-01-01T00:00:00.000Z'));
    const second = evolveSubjectSummary(first, registered('e2', 'member', '2026-02-01T00:00:00.000Z'));
    expect(second).toMatchObject({
      kind: 'member',
      registeredAt: '2026-01-01T00:00:00.000Z',
      lastEventId: 'e2',
    });
  });

  it('gives the same document when the same event is applied twice', () => {
    const event = registered('e1', 'member', '2026-01-01T00:00:00.000Z');
    const once = evolveSubjectSummary(null, event);
    expect(evolveSubjectSummary(once, event)).toEqual(once);
  });

  it('ignores events it does not know', () => {
    const other = {
      ...registered('e3', 'member', '2026-01-01T00:00:00.000Z'),
      type: 'SomethingElse',
    } as LedgerEvent;
    expect(evolveSubjectSummary(null, other)).toBeNull();
  });
});
