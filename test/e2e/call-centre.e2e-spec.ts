import { adminHeaders, useLedger } from '../support/test-ledger';

/** The API's clock, moved by the test: calling hours are about wall-clock time in Paris. */
let now = new Date('2026-10-23T08:30:00Z');

describe('the call centre, with an injected clock', () => {
  const ledger = useLedger('calls', { projector: true, overrides: { clock: { now: () => now } } });
  const call = async (path: string, body: unknown) => {
    const response = await fetch(`${ledger.api.url}${path}`, {
      method: 'POST',
      headers: adminHeaders(),
      body: JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as Record<string, any> }; // eslint-disable-line @typescript-eslint/no-explicit-any
  };
  let lastWrite: string | undefined;
  const startCanvassing = async (at: string) => {
    now = new Date(at);
    const started = await call('/v1/calls/c-1/start', {
      subject: { phone: '06 11 22 33 44' },
      kind: 'canvassing',
      ...(lastWrite ? { consistentWith: lastWrite } : {}),
    });
    expect(started.status).toBe(200);
    return started.body.canvassing as { allowed: boolean; reason: string };
  };

  beforeAll(async () => {
    await fetch(`${ledger.api.url}/v1/subjects/callee`, {
      method: 'PUT',
      headers: adminHeaders(),
      body: JSON.stringify({ kind: 'prospect', identifiers: { phones: ['+33611223344'] } }),
    });
  });

  it('needs consent for telephone canvassing after 2026-08-11, then applies D.223-9 hours across DST and holidays', async () => {
    expect(await startCanvassing('2026-10-23T08:30:00Z')).toMatchObject({
      allowed: false,
      reason: 'consent_missing',
    });
    const consent = await call('/v1/subjects/callee/consents', {
      purpose: 'prospecting',
      channels: ['phone'],
      source: { collectionPoint: 'site/rappel', method: 'web_form' },
    });
    expect(consent.status).toBe(201);
    lastWrite = consent.body.position;
    const cases: Array<[string, boolean, string]> = [
      ['2026-10-23T08:30:00Z', true, 'consent_given'], // Friday 10:30 summer time
      ['2026-10-26T08:30:00Z', false, 'outside_calling_hours'], // Monday 09:30 winter time
      ['2026-10-26T09:30:00Z', true, 'consent_given'], // Monday 10:30 winter time
      ['2026-10-26T12:15:00Z', false, 'outside_calling_hours'], // Monday 13:15, lunch break
      ['2026-11-11T10:00:00Z', false, 'outside_calling_hours'], // Armistice day
      ['2026-11-14T10:00:00Z', false, 'outside_calling_hours'], // Saturday
    ];
    for (const [at, allowed, reason] of cases) {
      expect({ at, ...(await startCanvassing(at)) }).toMatchObject({ at, allowed, reason });
    }
  });

  it('allows four canvassing attempts in 30 days, then waits for the oldest to age out', async () => {
    for (const day of ['16', '17', '18', '19']) {
      now = new Date(`2026-11-${day}T10:00:00Z`);
      const outcome = await call('/v1/calls/c-2/outcome', {
        subject: { subjectId: 'callee' },
        kind: 'canvassing',
        outcome: 'no_answer',
      });
      expect(outcome.status).toBe(201);
    }
    expect(await startCanvassing('2026-11-20T09:30:00Z')).toMatchObject({
      allowed: false,
      reason: 'attempt_limit_reached',
    });
    expect(await startCanvassing('2026-12-18T09:30:00Z')).toMatchObject({
      allowed: true,
      reason: 'consent_given',
    });
  });

  it('blocks canvassing after a refusal during a call until the person consents again', async () => {
    now = new Date('2026-12-18T09:40:00Z');
    await call('/v1/calls/c-3/outcome', {
      subject: { subjectId: 'callee' },
      kind: 'canvassing',
      outcome: 'refused',
    });
    expect(await startCanvassing('2026-12-18T09:45:00Z')).toMatchObject({
      allowed: false,
      reason: 'refused_during_call',
    });
    now = new Date('2026-12-21T09:00:00Z');
    const again = await call('/v1/subjects/callee/consents', {
      purpose: 'prospecting',
      channels: ['phone'],
      source: { collectionPoint: 'x', method: 'phone_call' },
    });
    lastWrite = again.body.position as string; // read-your-write: the start must see this consent
    expect(await startCanvassing('2026-12-21T09:30:00Z')).toMatchObject({
      allowed: true,
      reason: 'consent_given',
    });
  });

  it('answers recording objections with the instruction and the destroy-by dates', async () => {
    now = new Date('2026-12-22T10:00:00Z');
    const quality = await call('/v1/calls/c-4/recording-objections', {
      subject: { subjectId: 'callee' },
      recording: 'quality',
    });
    expect(quality.status).toBe(201);
    expect(quality.body).toMatchObject({
      instruction: 'stop_recording',
      destroyBy: { recording: '2027-06-22T10:00:00.000Z', analysisGrid: '2027-12-22T10:00:00.000Z' },
    });
    const canvassing = await call('/v1/calls/c-4/recording-objections', {
      subject: { phone: '+33 6 11 22 33 44' },
      recording: 'canvassing',
    });
    expect(canvassing.body).toMatchObject({
      instruction: 'end_call_and_destroy_recording',
      destroyBy: { recording: '2026-12-22T10:00:00.000Z' },
    });
    const next = await call('/v1/calls/c-5/start', { subject: { subjectId: 'callee' }, kind: 'canvassing' });
    expect(next.body.recording).toMatchObject({
      quality: { allowed: false, reason: 'opposed' },
      canvassing: { allowed: false, reason: 'opposed' },
    });
    const unknown = await call('/v1/calls/c-6/recording-objections', {
      subject: { phone: '+33 6 99 99 99 99' },
      recording: 'quality',
    });
    expect(unknown.status).toBe(404);
  });
});
