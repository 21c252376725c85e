import { adminHeaders, useLedger } from '../support/test-ledger';

describe('per-key rate limits and security headers', () => {
  const ledger = useLedger('rate-limit', {
    projector: false,
    env: { LEDGER_RATE_LIMIT_MAX: '4', LEDGER_RATE_LIMIT_WINDOW_MS: '60000' },
  });

  const healthWith = (authorization?: string) =>
    fetch(`${ledger.api.url}/health`, { headers: authorization ? { authorization } : {} });

  it('answers 429 with Retry-After past the limit of one key, while another key is still served', async () => {
    const minted = await fetch(`${ledger.api.url}/v1/api-keys`, {
      method: 'POST',
      headers: adminHeaders(),
      body: JSON.stringify({ name: 'other-client', scopes: ['decisions:read'] }),
    });
    const other = `Bearer ${((await minted.json()) as { apiKey: string }).apiKey}`;
    const admin = adminHeaders().authorization;
    const statuses = [];
    // Minting the other key was the admin key's first request of the window.
    for (let i = 0; i < 3; i++) statuses.push((await healthWith(admin)).status);
    expect(statuses).not.toContain(429);
    const limited = await healthWith(admin);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(limited.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(await limited.json()).toMatchObject({
      type: 'urn:consent-ledger:problem:rate-limited',
      status: 429,
    });
    expect((await healthWith(other)).status).not.toBe(429);
  });

  it('sends security headers', async () => {
    const response = await healthWith();
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(response.headers.get('x-frame-options')).toBe('SAMEORIGIN');
  });
});
