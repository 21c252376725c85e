import { registerSubject, type LedgerEvent } from '@ledger/domain';
import { decodeEvent, encodeEvent, UndecodableEventError } from './cloud-event.codec';

const event: LedgerEvent = registerSubject(
  {
    subjectId: 'subject-42',
    kind: 'member',
    actor: { type: 'agent', id: 'agent-7' },
    sourceClient: 'crm',
    occurredAt: '2026-03-01T09:00:00.000Z',
  },
  { eventId: '01a217b2-96ef-725c-b6ee-5d77341d3e99', now: '2026-03-01T09:00:01.000Z' },
);

const asConsumed = (message: ReturnType<typeof encodeEvent>) => ({
  key: message.key,
  value: message.value,
  headers: message.headers as Record<string, string | undefined>,
});

describe('CloudEvents codec (Kafka binding, binary mode)', () => {
  it('round-trips an event exactly', () => {
    expect(decodeEvent(asConsumed(encodeEvent(event)))).toEqual(event);
  });

  it('puts the CloudEvents attributes in ce_ headers and the subject id in the key', () => {
    const message = encodeEvent(event);
    expect(message.key).toBe('subject-42');
    expect(message.headers).toMatchObject({
      ce_specversion: '1.0',
      ce_id: event.id,
      ce_type: 'eu.consent-ledger.subject-registered.v1',
      ce_source: 'urn:consent-ledger:client:crm',
      ce_subject: 'subject-42',
      ce_time: '2026-03-01T09:00:00.000Z',
      ce_recordedat: '2026-03-01T09:00:01.000Z',
      ce_actortype: 'agent',
      ce_actorid: 'agent-7',
      'content-type': 'application/json',
    });
    expect(JSON.parse(message.value.toString('utf8'))).toEqual({ kind: 'member' });
  });

  it('omits the actor id header when the actor has none', () => {
    const message = encodeEvent({ ...event, actor: { type: 'system' } });
    expect(message.headers).not.toHaveProperty('ce_actorid');
    expect(decodeEvent(asConsumed(message)).actor).toEqual({ type: 'system' });
  });

  const broken: Array<[string, (m: ReturnType<typeof asConsumed>) => void, RegExp]> = [
    ['an unknown spec version', (m) => (m.headers.ce_specversion = '0.3'), /specversion/],
    ['an unknown event type', (m) => (m.headers.ce_type = 'eu.consent-ledger.nope.v1'), /unknown event type/],
    [
      'an unknown schema version',
      (m) => (m.headers.ce_type = 'eu.consent-ledger.subject-registered.v9'),
      /unknown event type/,
    ],
    ['a missing id', (m) => delete m.headers.ce_id, /ce_id/],
    ['a value that is not JSON', (m) => (m.value = Buffer.from('{oops')), /not JSON/],
    ['a JSON value that is not an object', (m) => (m.value = Buffer.from('42')), /not a JSON object/],
    ['a key that differs from the subject', (m) => (m.key = 'someone-else'), /key differs/],
    ['an unknown actor type', (m) => (m.headers.ce_actortype = 'robot'), /actor type/],
    ['a foreign source', (m) => (m.headers.ce_source = 'https://elsewhere'), /ce_source/],
  ];

  it.each(broken)('rejects %s as undecodable', (_name, breakIt, message) => {
    const consumed = asConsumed(encodeEvent(event));
    breakIt(consumed);
    expect(() => decodeEvent(consumed)).toThrow(UndecodableEventError);
    expect(() => decodeEvent(consumed)).toThrow(message);
  });
});
