import type { LedgerConfig } from '@ledger/config';
import { readAllEvents } from '../support/event-log-reader';
import {
  adminHeaders,
  dropTestResources,
  startApi,
  startProjector,
  testConfig,
  type RunningApi,
  type RunningProjector,
} from '../support/test-ledger';

interface Ack {
  eventId: string;
  position: string;
}

describe('write endpoints append exactly the events written, with their envelope', () => {
  let config: LedgerConfig;
  let api: RunningApi;
  // Withdrawals and oppositions answer once the read model reflects them: a projector must run.
  let projector: RunningProjector;
  let crmHeaders: Record<string, string>;

  beforeAll(async () => {
    config = testConfig('write_path');
    api = await startApi(config);
    projector = await startProjector(config);
    const created = await fetch(`${api.url}/v1/api-keys`, {
      method: 'POST',
      headers: adminHeaders(),
      body: JSON.stringify({ name: 'crm', scopes: ['events:write'] }),
    });
    expect(created.status).toBe(201);
    const { apiKey } = (await created.json()) as { apiKey: string };
    crmHeaders = { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' };
  });

  afterAll(async () => {
    await projector.close();
    await api.close();
    await dropTestResources(config);
  });

  const send = async (method: string, path: string, body: unknown, status: number): Promise<Ack> => {
    const response = await fetch(`${api.url}${path}`, {
      method,
      headers: crmHeaders,
      body: JSON.stringify(body),
    });
    const answer = (await response.json()) as Ack;
    expect({ path, status: response.status, answer }).toEqual({ path, status, answer: expect.any(Object) });
    expect(answer.eventId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(answer.position).toMatch(/^[A-Za-z0-9_-]+$/);
    return answer;
  };

  it('records each write as one CloudEvent carrying actor, source, notice, proof and both instants', async () => {
    const source = { collectionPoint: 'espace-adherent/preferences', method: 'web_form' };
    const writes: Array<[string, string, unknown, number, string, Record<string, unknown>]> = [
      [
        'PUT',
        '/v1/subjects/m-1',
        {
          kind: 'member',
          identifiers: { emails: [' Jean@Example.FR'], phones: ['06 12 34 56 78'], memberNumber: 'M-1' },
        },
        200,
        'SubjectRegistered',
        {
          kind: 'member',
          identifiers: { emails: ['jean@example.fr'], phones: ['+33612345678'], memberNumber: 'M-1' },
        },
      ],
      [
        'POST',
        '/v1/subjects/m-1/consents',
        {
          purpose: 'prospecting',
          channels: ['email', 'sms'],
          notice: { id: 'prospecting-notice', version: '2026-01' },
          source,
          actor: { type: 'subject' },
          occurredAt: '2026-01-15T10:00:00+01:00',
          expiresAt: '2028-01-15T10:00:00+01:00',
          proof: { type: 'double_opt_in', ref: 'doi-1' },
        },
        201,
        'ConsentGiven',
        { purpose: 'prospecting', channels: ['email', 'sms'], expiresAt: '2028-01-15T09:00:00.000Z' },
      ],
      [
        'POST',
        '/v1/subjects/m-1/consent-withdrawals',
        { purpose: 'prospecting', channels: ['sms'], source },
        201,
        'ConsentWithdrawn',
        { purpose: 'prospecting', channels: ['sms'] },
      ],
      [
        'POST',
        '/v1/subjects/m-1/oppositions',
        { purpose: 'partner_transfer', channels: ['phone'], partner: 'mg-services', source },
        201,
        'OppositionRegistered',
        { purpose: 'partner_transfer', channels: ['phone'], partner: 'mg-services' },
      ],
      [
        'POST',
        '/v1/subjects/m-1/opposition-withdrawals',
        { purpose: 'profiling', channels: ['email'], source },
        201,
        'OppositionWithdrawn',
        { purpose: 'profiling', channels: ['email'] },
      ],
      [
        'PUT',
        '/v1/subjects/m-1/preferences',
        { channels: { email: { frequency: 'monthly' } }, topics: ['sante'] },
        200,
        'PreferencesSet',
        { channels: { email: { frequency: 'monthly' } }, topics: ['sante'] },
      ],
      [
        'POST',
        '/v1/subjects/m-1/contacts',
        { channel: 'email', initiatedBy: 'subject', occurredAt: '2026-02-01T08:00:00Z' },
        201,
        'ContactRecorded',
        { channel: 'email', initiatedBy: 'subject' },
      ],
      [
        'POST',
        '/v1/subjects/m-1/cookie-choices',
        { choices: { functional: true, audience: false }, bannerVersion: 'v3' },
        201,
        'CookieChoicesRecorded',
        {
          choices: { functional: true, audience: false, advertising: false, social: false },
          bannerVersion: 'v3',
        },
      ],
    ];
    const acks: Ack[] = [];
    for (const [method, path, body, status] of writes) acks.push(await send(method, path, body, status));

    const events = await readAllEvents(config);
    expect(events.map((e) => e.id).sort()).toEqual(acks.map((a) => a.eventId).sort());
    for (const [i, [, , , , type, data]] of writes.entries()) {
      const event = events.find((e) => e.id === acks[i].eventId);
      expect(event).toMatchObject({ type, schemaVersion: 1, subjectId: 'm-1', data });
      expect(event?.source.client).toBe('crm');
      expect(Date.parse(event!.recordedAt)).toBeGreaterThanOrEqual(Date.parse(event!.occurredAt));
    }
    const consent = events.find((e) => e.id === acks[1].eventId)!;
    expect(consent).toMatchObject({
      occurredAt: '2026-01-15T09:00:00.000Z',
      actor: { type: 'subject' },
      source: { collectionPoint: 'espace-adherent/preferences', method: 'web_form', client: 'crm' },
      notice: { id: 'prospecting-notice', version: '2026-01' },
      proof: { type: 'double_opt_in', ref: 'doi-1' },
    });
    const cookies = events.find((e) => e.id === acks[7].eventId)!;
    expect(cookies.source).toEqual({
      collectionPoint: 'cookie-banner',
      method: 'cookie_banner',
      client: 'crm',
    });
    expect(events.find((e) => e.id === acks[5].eventId)!.actor).toEqual({ type: 'system' });
  });
});
