import { LedgerError } from '../errors/ledger-error';
import {
  completeRightsRequest,
  evolveRightsRequest,
  extendRightsRequest,
  receiveRightsRequest,
  refuseRightsRequest,
  urgency,
  type RightsRequest,
  type RightsRequestEvent,
} from './rights-request';

const provenance = {
  subjectId: 's-1',
  actor: { type: 'agent' as const },
  source: { collectionPoint: 'dpo', method: 'email' as const, client: 'dpo' },
};
let n = 0;
const ctx = (now: string) => ({ eventId: `e-${++n}`, now });

function received(receivedAt: string): RightsRequest {
  const event = receiveRightsRequest(
    { ...provenance, requestId: 'r-1', type: 'access', channel: 'email', receivedAt },
    ctx(receivedAt),
  );
  return evolveRightsRequest(null, event as RightsRequestEvent)!;
}

describe('rights requests: one month to answer, three once extended (GDPR art. 12(3))', () => {
  it.each([
    ['2026-01-15T10:00:00.000Z', '2026-02-15T10:00:00.000Z', '2026-04-15T10:00:00.000Z'],
    // Month ends clamp: 31 January + 1 month is 28 February; + 3 months is 30 April.
    ['2027-01-31T10:00:00.000Z', '2027-02-28T10:00:00.000Z', '2027-04-30T10:00:00.000Z'],
    // Leap year: 29 February in 2028.
    ['2028-01-31T10:00:00.000Z', '2028-02-29T10:00:00.000Z', '2028-04-30T10:00:00.000Z'],
    ['2026-11-30T10:00:00.000Z', '2026-12-30T10:00:00.000Z', '2027-02-28T10:00:00.000Z'],
    ['2026-12-31T10:00:00.000Z', '2027-01-31T10:00:00.000Z', '2027-03-31T10:00:00.000Z'],
  ])('received %s: due %s, extended %s', (receivedAt, due, extendedDue) => {
    const request = received(receivedAt);
    expect(request.dueAt).toBe(due);
    const extension = extendRightsRequest(
      request,
      { ...provenance, reason: 'complex request' },
      ctx(receivedAt),
    );
    expect(evolveRightsRequest(request, extension as RightsRequestEvent)?.dueAt).toBe(extendedDue);
  });

  it('refuses a second extension, and one after the first month, with a conflict problem', () => {
    const request = received('2027-01-31T10:00:00.000Z');
    const once = evolveRightsRequest(
      request,
      extendRightsRequest(
        request,
        { ...provenance, reason: 'complex' },
        ctx('2027-02-10T10:00:00.000Z'),
      ) as RightsRequestEvent,
    )!;
    expect(() =>
      extendRightsRequest(once, { ...provenance, reason: 'again' }, ctx('2027-02-11T10:00:00.000Z')),
    ).toThrow('extended once only');
    // The first month ended on 28 February at 10:00.
    expect(() =>
      extendRightsRequest(request, { ...provenance, reason: 'late' }, ctx('2027-02-28T10:00:00.000Z')),
    ).toThrow(LedgerError);
    expect(() =>
      extendRightsRequest(request, { ...provenance, reason: 'in time' }, ctx('2027-02-28T09:59:59.000Z')),
    ).not.toThrow();
  });

  it('a closed request takes no more steps; a refusal names its reason and is justified', () => {
    const request = received('2026-03-01T10:00:00.000Z');
    expect(() =>
      refuseRightsRequest(
        request,
        { ...provenance, reason: 'manifestly_excessive', justification: ' ' },
        ctx('2026-03-02T10:00:00.000Z'),
      ),
    ).toThrow('justified');
    const refused = evolveRightsRequest(
      request,
      refuseRightsRequest(
        request,
        {
          ...provenance,
          reason: 'manifestly_excessive',
          justification: 'the 12th identical request this month',
        },
        ctx('2026-03-02T10:00:00.000Z'),
      ) as RightsRequestEvent,
    )!;
    expect(refused).toMatchObject({ status: 'refused', refusal: { reason: 'manifestly_excessive' } });
    expect(() => completeRightsRequest(refused, provenance, ctx('2026-03-03T10:00:00.000Z'))).toThrow(
      'is refused',
    );
  });

  it('tells the DPO what is overdue and what is due within N days', () => {
    const request = received('2026-03-01T10:00:00.000Z'); // due 1 April
    expect(urgency(request, '2026-03-20T10:00:00.000Z', 7)).toBeUndefined();
    expect(urgency(request, '2026-03-26T10:00:00.000Z', 7)).toBe('due_soon');
    expect(urgency(request, '2026-04-01T10:00:00.000Z', 7)).toBe('overdue');
  });
});
