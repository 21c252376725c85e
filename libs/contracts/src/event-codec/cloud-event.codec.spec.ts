import { giveConsent, registerSubject, type LedgerEvent } from '@ledger/domain';
import { decodeEvent, encodeEvent, UndecodableEventError } from './cloud-event.codec';
import { IdentifierHasher } from '../personal-data/identifier-hasher';

const hasher = new IdentifierHasher(Buffer.alloc(32, 5));
const identifiers = { emails: ['a@b.fr'], phones: ['+33612345678'], memberNumber: 'M-1' };

const context = { eventId: '01a217b2-96ef-725c-b6ee-5d77341d3e99', now: '2026-03-01T09:00:01.000Z' };

const registered: LedgerEvent = registerSubject(
  {
    subjectId: 'subject-42',
    kind: 'member',
    actor: { type: 'agent', id: 'agent-7' },
    source: { collectionPoint: 'crm/contact-form', method: 'web_form', client: 'crm' },
    identifiers,
    identifierKeys: hasher.hashAll(identifiers),
    occurredAt: '2026-03-01T09:00:00.000Z',
  },
  context,
);

const consent: LedgerEvent = giveConsent(
  {
    subjectId: 'subject-42',
    purpose: 'partner_transfer',
    channels: ['email'],
    partner: 'mg-services',
    actor: { type: 'subject' },
    source: { collectionPoint: 'espace-adherent/preferences', method: 'web_form', client: 'portal' },
    notice: { id: 'partners-notice', version: '2026-01' },
    proof: { type: 'double_opt_in', ref: 'doi-7f3a' },
    expiresAt: '2027-03-01T00:00:00.000Z',
  },
  context,
);

type Consumed = { key: string | null; value: Buffer | null; headers: Record<string, string | undefined> };
const asConsumed = (message: ReturnType<typeof encodeEvent>): Consumed => ({
  key: message.key,
  value: message.value,
  headers: { ...message.headers },
});

describe('CloudEvents codec (Kafka binding, binary mode)', () => {
  it.each([
    ['a registration', registered],
    ['a consent with notice, proof and partner', consent],
  ])('round-trips %s exactly', (_name, event) => {
    expect(decodeEvent(asConsumed(encodeEvent(event)))).toEqual(event);
  });

  it('puts the CloudEvents attributes and the envelope in ce_ headers and the subject id in the key', () => {
    const message = encodeEvent(consent);
    expect(message.key).toBe('subject-42');
    expect(message.headers).toEqual({
      ce_specversion: '1.0',
      ce_id: context.eventId,
      ce_type: 'eu.consent-ledger.consent-given.v1',
      ce_source: 'urn:consent-ledger:client:portal',
      ce_subject: 'subject-42',
      ce_time: '2026-03-01T09:00:01.000Z',
      ce_recordedat: '2026-03-01T09:00:01.000Z',
      ce_actortype: 'subject',
      ce_collectionpoint: 'espace-adherent/preferences',
      ce_collectionmethod: 'web_form',
      ce_noticeid: 'partners-notice',
      ce_noticeversion: '2026-01',
      ce_prooftype: 'double_opt_in',
      ce_proofref: 'doi-7f3a',
      'content-type': 'application/json',
    });
    expect(JSON.parse(message.value.toString('utf8'))).toEqual({
      purpose: 'partner_transfer',
      channels: ['email'],
      partner: 'mg-services',
      expiresAt: '2027-03-01T00:00:00.000Z',
    });
  });

  it('omits optional headers when the envelope has no such field', () => {
    const message = encodeEvent({ ...registered, actor: { type: 'system' } });
    for (const name of ['ce_actorid', 'ce_noticeid', 'ce_noticeversion', 'ce_prooftype', 'ce_proofref']) {
      expect(message.headers).not.toHaveProperty(name);
    }
    expect(decodeEvent(asConsumed(message)).actor).toEqual({ type: 'system' });
  });

  it('refuses to encode an envelope missing a field, before anything is sent', () => {
    const actorless = { ...registered, actor: {} } as unknown as LedgerEvent;
    expect(() => encodeEvent(actorless)).toThrow(/header ce_actortype is missing/);
  });

  const broken: Array<[string, (m: Consumed) => void, RegExp]> = [
    ['an unknown spec version', (m) => (m.headers.ce_specversion = '0.3'), /specversion/],
    ['an unknown event type', (m) => (m.headers.ce_type = 'eu.consent-ledger.nope.v1'), /unknown event type/],
    [
      'an unknown schema version',
      (m) => (m.headers.ce_type = 'eu.consent-ledger.consent-given.v9'),
      /unknown event type/,
    ],
    ['a missing id', (m) => delete m.headers.ce_id, /ce_id/],
    ['a value that is not JSON', (m) => (m.value = Buffer.from('{oops')), /not JSON/],
    ['a JSON value that is not an object', (m) => (m.value = Buffer.from('[1]')), /not a JSON object/],
    ['a key that differs from the subject', (m) => (m.key = 'someone-else'), /key differs/],
    ['an unknown actor type', (m) => (m.headers.ce_actortype = 'robot'), /ce_actortype/],
    [
      'an unknown collection method',
      (m) => (m.headers.ce_collectionmethod = 'pigeon'),
      /ce_collectionmethod/,
    ],
    ['a notice id without its version', (m) => delete m.headers.ce_noticeversion, /ce_noticeversion/],
    ['an unknown proof type', (m) => (m.headers.ce_prooftype = 'hearsay'), /unknown/],
    ['a foreign source', (m) => (m.headers.ce_source = 'https://elsewhere'), /ce_source/],
    ...['constructor', 'toString', '__proto__', 'hasOwnProperty', 'valueOf'].map(
      (name): [string, (m: Consumed) => void, RegExp] => [
        `the inherited property name ${name} as a type`,
        (m) => (m.headers.ce_type = `eu.consent-ledger.${name}.v1`),
        /unknown event type/,
      ],
    ),
    ['a consent without data fields', (m) => (m.value = Buffer.from('{}')), /data does not match/],
    [
      'a consent to an unknown purpose',
      (m) => (m.value = Buffer.from('{"purpose":"mind_reading","channels":["email"]}')),
      /data does not match ConsentGiven v1: \/purpose/,
    ],
    [
      'a consent with channels that are not a list',
      (m) => (m.value = Buffer.from('{"purpose":"prospecting","channels":"email"}')),
      /\/channels/,
    ],
    [
      'a consent with an extra field',
      (m) => (m.value = Buffer.from('{"purpose":"prospecting","channels":["email"],"x":1}')),
      /additional properties/,
    ],
    ['an occurredAt that is not an instant', (m) => (m.headers.ce_time = 'yesterday'), /ce_time/],
    ['a missing recordedAt', (m) => delete m.headers.ce_recordedat, /ce_recordedat/],
  ];

  it('finds no header through the prototype chain', () => {
    const consumed = asConsumed(encodeEvent(consent));
    delete consumed.headers.ce_id;
    Object.setPrototypeOf(consumed.headers, { ce_id: 'inherited' });
    expect(() => decodeEvent(consumed)).toThrow(/ce_id/);
  });

  it.each(broken)('rejects %s as undecodable', (_name, breakIt, message) => {
    const consumed = asConsumed(encodeEvent(consent));
    breakIt(consumed);
    expect(() => decodeEvent(consumed)).toThrow(UndecodableEventError);
    expect(() => decodeEvent(consumed)).toThrow(message);
  });
});
