/** A problem+json answer of the API, kept whole so the page can say what went wrong. */
export class ApiProblem extends Error {
  constructor(
    readonly status: number,
    readonly problem: { type?: string; title?: string; detail?: string },
    readonly retryAfterSeconds: number | undefined,
  ) {
    super(problem.detail ?? problem.title ?? `HTTP ${status}`);
  }
}

export interface ApiClient {
  get<T>(path: string): Promise<T>;
  post<T>(path: string, body: unknown): Promise<T>;
}

/**
 * The console's only way out: the ledger's own API, same origin, with the signed-in key.
 * `onUnauthorized` signs out when the key is revoked mid-session.
 */
export function apiClient(key: string, onUnauthorized: () => void): ApiClient {
  const call = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const response = await fetch(path, {
      method,
      headers: {
        authorization: `Bearer ${key}`,
        accept: 'application/json',
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      credentials: 'omit',
      cache: 'no-store',
    });
    const text = await response.text();
    const parsed: unknown = text ? JSON.parse(text) : {};
    if (!response.ok) {
      if (response.status === 401) onUnauthorized();
      const retryAfter = Number(response.headers.get('retry-after'));
      throw new ApiProblem(
        response.status,
        parsed as ApiProblem['problem'],
        Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : undefined,
      );
    }
    return parsed as T;
  };
  return {
    get: (path) => call('GET', path),
    post: (path, body) => call('POST', path, body),
  };
}

/** Checks a key before keeping it: a console read it must be allowed to make. */
export async function checkKey(key: string): Promise<'ok' | 'unknown' | 'scope'> {
  try {
    await apiClient(key, () => undefined).get('/v1/rights-requests?limit=1');
    return 'ok';
  } catch (error) {
    if (error instanceof ApiProblem && error.status === 403) return 'scope';
    if (error instanceof ApiProblem && error.status === 401) return 'unknown';
    throw error;
  }
}
