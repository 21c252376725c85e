import { MongoClient } from 'mongodb';
import { topicRecordCount } from '../support/event-log-reader';
import { adminHeaders, useLedger } from '../support/test-ledger';

const source = { collectionPoint: 'site/form', method: 'web_form' };
const notice = { id: 'prospecting-notice', version: '2026-01' };
const choice = { purpose: 'prospecting', channels: ['email'], source, notice };

/** Every write endpoint with a valid body: only the key decides the answer. */
const WRITE_ENDPOINTS: Array<[string, string, unknown]> = [
  ['PUT', '/v1/subjects/k-1', { kind: 'prospect' }],
  ['POST', '/v1/subjects/k-1/consents', choice],
  ['POST', '/v1/subjects/k-1/consent-withdrawals', choice],
  ['POST', '/v1/subjects/k-1/oppositions', choice],
  ['POST', '/v1/subjects/k-1/opposition-withdrawals', choice],
  ['PUT', '/v1/subjects/k-1/preferences', { channels: { email: { frequency: 'weekly' } }, topics: [] }],
  ['POST', '/v1/subjects/k-1/contacts', { channel: 'phone', initiatedBy: 'company' }],
  ['POST', '/v1/subjects/k-1/cookie-choices', { choices: { audience: true }, bannerVersion: 'v3' }],
];
const ADMIN_ENDPOINTS: Array<[string, string, unknown]> = [
  ['POST', '/v1/api-keys', { name: 'x', scopes: ['events:write'] }],
  ['DELETE', '/v1/api-keys/0123456789abcdef', undefined],
];
const OTHER_SCOPES = ['decisions:read', 'lists:filter', 'calls:write', 'rights:manage'];

describe('API keys and scopes', () => {
  const ledger = useLedger('api_keys', { projector: false });
  const keys: Record<string, { keyId: string; apiKey: string }> = {};

  const createKey = async (name: string, scopes: string[]) => {
    const response = await fetch(`${ledger.api.url}/v1/api-keys`, {
      method: 'POST',
      headers: adminHeaders(),
      body: JSON.stringify({ name, scopes }),
    });
    expect(response.status).toBe(201);
    return (await response.json()) as { keyId: string; apiKey: string };
  };

  const call = (method: string, path: string, body: unknown, token?: string) =>
    fetch(`${ledger.api.url}${path}`, {
      method,
      headers: {
        ...(token !== undefined ? { authorization: `Bearer ${token}` } : {}),
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });

  beforeAll(async () => {
    keys.reader = await createKey('decision-reader', OTHER_SCOPES);
    keys.writer = await createKey('writer', ['events:write']);
  });

  it.each(WRITE_ENDPOINTS)(
    '%s %s: 403 for a key without events:write, nothing appended',
    async (method, path, body) => {
      const before = await topicRecordCount(ledger.config).catch(() => 0);
      const response = await call(method, path, body, keys.reader.apiKey);
      expect(response.status).toBe(403);
      const problem = (await response.json()) as { type: string; requiredScope: string };
      expect(problem).toMatchObject({
        type: 'urn:consent-ledger:problem:forbidden',
        requiredScope: 'events:write',
      });
      expect(await topicRecordCount(ledger.config).catch(() => 0)).toBe(before);
    },
  );

  it.each(WRITE_ENDPOINTS)('%s %s: 401 without a key and with an unknown one', async (method, path, body) => {
    for (const token of [undefined, 'clk_0123456789abcdef_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA', 'nonsense']) {
      const response = await call(method, path, body, token);
      expect(response.status).toBe(401);
      expect(((await response.json()) as { type: string }).type).toBe(
        'urn:consent-ledger:problem:unauthorized',
      );
    }
  });

  it.each(WRITE_ENDPOINTS)('%s %s: accepted with events:write', async (method, path, body) => {
    const response = await call(method, path, body, keys.writer.apiKey);
    expect([200, 201]).toContain(response.status);
  });

  it.each(ADMIN_ENDPOINTS)('%s %s: 403 for a key without admin', async (method, path, body) => {
    const response = await call(method, path, body, keys.writer.apiKey);
    expect(response.status).toBe(403);
  });

  it('shows a key once, stores only its hash, and a revoked key stops working at once', async () => {
    const key = await createKey('short-lived', ['events:write']);
    expect(key.apiKey).toMatch(/^clk_[0-9a-f]{16}_[A-Za-z0-9_-]{32}$/);
    const mongo = new MongoClient(ledger.config.mongo.uri);
    try {
      const doc = await mongo
        .db(ledger.config.mongo.database)
        .collection('api_keys')
        .findOne({ _id: key.keyId as never });
      expect(doc).toMatchObject({ name: 'short-lived', scopes: ['events:write'] });
      expect(JSON.stringify(doc)).not.toContain(key.apiKey.slice(-32));
    } finally {
      await mongo.close();
    }

    const [method, path, body] = WRITE_ENDPOINTS[1];
    expect((await call(method, path, body, key.apiKey)).status).toBe(201);
    expect(
      (await call('DELETE', `/v1/api-keys/${key.keyId}`, undefined, adminHeaders().authorization.slice(7)))
        .status,
    ).toBe(204);
    expect((await call(method, path, body, key.apiKey)).status).toBe(401);
    expect(
      (
        await call(
          'DELETE',
          '/v1/api-keys/ffffffffffffffff',
          undefined,
          adminHeaders().authorization.slice(7),
        )
      ).status,
    ).toBe(404);
  });

  it('keeps /health public', async () => {
    // No projector runs in this file, so the ledger is rightly degraded; what matters is no 401.
    const response = await call('GET', '/health', undefined);
    expect([200, 503]).toContain(response.status);
    expect(((await response.json()) as { checks: object }).checks).toHaveProperty('projector');
  });
});
