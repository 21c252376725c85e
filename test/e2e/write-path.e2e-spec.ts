import type { LedgerEvent } from '@ledger/domain';
import { readOpenedEvents } from '../support/event-log-reader';
import { adminHeaders, useLedger } from '../support/test-ledger';

interface WriteCase {
  name: string;
  method: 'PUT' | 'POST';
  /** Below /v1/subjects/{subject}; each case writes about a subject of its own. */
  path: string;
  body: Record<string, unknown>;
  status: number;
  /** What the event on the topic must hold (type, data, envelope fields). */
  event: Record<string, unknown> & { type: LedgerEvent['type'] };
}

const source = { collectionPoint: 'espace-adherent/preferences', method: 'web_form' as const };

const cases: WriteCase[] = [
  {
    name: 'a registration records the identifiers normalised (email case and spaces, E.164 phone)',
    method: 'PUT',
    path: '',
    body: {
      kind: 'member',
      identifiers: { emails: [' Jean@Example.FR'], phones: ['06 12 34 56 78'], memberNumber: 'M-1' },
    },
    status: 200,
    event: {
      type: 'SubjectRegistered',
      schemaVersion: 3,
      data: {
        kind: 'member',
        identifiers: { emails: ['jean@example.fr'], phones: ['+33612345678'], memberNumber: 'M-1' },
      },
    },
  },
  {
    name: 'a consent carries its notice, proof, actor, source, both instants in UTC and its expiry',
    method: 'POST',
    path: '/consents',
    body: {
      purpose: 'prospecting',
      channels: ['email', 'sms'],
      notice: { id: 'prospecting-notice', version: '2026-01' },
      source,
      actor: { type: 'subject' },
      occurredAt: '2026-01-15T10:00:00+01:00',
      expiresAt: '2028-01-15T10:00:00+01:00',
      proof: { type: 'double_opt_in', ref: 'doi-1' },
    },
    status: 201,
    event: {
      type: 'ConsentGiven',
      data: { purpose: 'prospecting', channels: ['email', 'sms'], expiresAt: '2028-01-15T09:00:00.000Z' },
      occurredAt: '2026-01-15T09:00:00.000Z',
      actor: { type: 'subject' },
      source: { ...source, client: 'crm' },
      notice: { id: 'prospecting-notice', version: '2026-01' },
      proof: { type: 'double_opt_in', ref: 'doi-1' },
    },
  },
  {
    name: 'a withdrawal names the channels it withdraws',
    method: 'POST',
    path: '/consent-withdrawals',
    body: { purpose: 'prospecting', channels: ['sms'], source },
    status: 201,
    event: { type: 'ConsentWithdrawn', data: { purpose: 'prospecting', channels: ['sms'] } },
  },
  {
    name: 'an opposition to a partner transfer names the partner',
    method: 'POST',
    path: '/oppositions',
    body: { purpose: 'partner_transfer', channels: ['phone'], partner: 'mg-services', source },
    status: 201,
    event: {
      type: 'OppositionRegistered',
      schemaVersion: 2,
      data: { purpose: 'partner_transfer', channels: ['phone'], partner: 'mg-services' },
    },
  },
  {
    name: 'an opposition withdrawal (schema v2: channels and partner may be left out)',
    method: 'POST',
    path: '/opposition-withdrawals',
    body: { purpose: 'profiling', channels: ['email'], source },
    status: 201,
    event: {
      type: 'OppositionWithdrawn',
      schemaVersion: 2,
      data: { purpose: 'profiling', channels: ['email'] },
    },
  },
  {
    name: 'preferences without an actor are recorded as set by the system',
    method: 'PUT',
    path: '/preferences',
    body: { channels: { email: { frequency: 'monthly' } }, topics: ['sante'] },
    status: 200,
    event: {
      type: 'PreferencesSet',
      data: { channels: { email: { frequency: 'monthly' } }, topics: ['sante'] },
      actor: { type: 'system' },
    },
  },
  {
    name: 'a contact keeps who initiated it and when',
    method: 'POST',
    path: '/contacts',
    body: { channel: 'email', initiatedBy: 'subject', occurredAt: '2026-02-01T08:00:00Z' },
    status: 201,
    event: {
      type: 'ContactRecorded',
      data: { channel: 'email', initiatedBy: 'subject' },
      occurredAt: '2026-02-01T08:00:00.000Z',
    },
  },
  {
    name: 'a customer relationship is dated by the contract’s start',
    method: 'POST',
    path: '/relationships',
    body: { contractRef: 'C-123', productLine: 'sante', startedAt: '2025-09-01T00:00:00+02:00' },
    status: 201,
    event: {
      type: 'CustomerRelationshipEstablished',
      data: { contractRef: 'C-123', productLine: 'sante', startedAt: '2025-08-31T22:00:00.000Z' },
      occurredAt: '2025-08-31T22:00:00.000Z',
    },
  },
  {
    name: 'cookie choices state every category (left out is refused) and default to the banner as source',
    method: 'POST',
    path: '/cookie-choices',
    body: { choices: { functional: true, audience: false }, bannerVersion: 'v3' },
    status: 201,
    event: {
      type: 'CookieChoicesRecorded',
      data: {
        choices: { functional: true, audience: false, advertising: false, social: false },
        bannerVersion: 'v3',
      },
      source: { collectionPoint: 'cookie-banner', method: 'cookie_banner', client: 'crm' },
    },
  },
];

describe('each write endpoint appends exactly one CloudEvent with its envelope', () => {
  const ledger = useLedger('write_path', { projector: false });
  let crmHeaders: Record<string, string>;

  beforeAll(async () => {
    const created = await fetch(`${ledger.api.url}/v1/api-keys`, {
      method: 'POST',
      headers: adminHeaders(),
      body: JSON.stringify({ name: 'crm', scopes: ['events:write'] }),
    });
    const { apiKey } = (await created.json()) as { apiKey: string };
    crmHeaders = { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' };
  });

  it.each(cases.map((c, i) => ({ ...c, subjectId: `wp-${i}` })))('$name', async (write) => {
    const response = await fetch(`${ledger.api.url}/v1/subjects/${write.subjectId}${write.path}`, {
      method: write.method,
      headers: crmHeaders,
      body: JSON.stringify(write.body),
    });
    const ack = (await response.json()) as { eventId: string; position: string };
    expect({ status: response.status, ack }).toEqual({
      status: write.status,
      ack: {
        eventId: expect.stringMatching(
          /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
        ),
        position: expect.stringMatching(/^[A-Za-z0-9_-]+$/),
        // A consent also answers its signed receipt (consent-receipts.e2e-spec.ts checks it).
        ...(write.path === '/consents' ? { receipt: expect.stringMatching(/^[\w-]+\.[\w-]+\.[\w-]+$/) } : {}),
      },
    });

    const written = (await readOpenedEvents(ledger.config)).filter((e) => e.subjectId === write.subjectId);
    expect(written).toHaveLength(1);
    const [event] = written;
    expect(event).toMatchObject({ id: ack.eventId, schemaVersion: 1, ...write.event });
    expect(event.source.client).toBe('crm');
    expect(Date.parse(event.recordedAt)).toBeGreaterThanOrEqual(Date.parse(event.occurredAt));
  });
});
