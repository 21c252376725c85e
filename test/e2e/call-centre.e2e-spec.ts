import { topicRecordCount } from '../support/event-log-reader';
import { adminHeaders, useLedger } from '../support/test-ledger';

/** Every call has an id of its own: attempts are counted by call. */
let calls = 0;
const nextCallId = () => `call-${++calls}`;

/** The API's clock, moved by each test: calling hours are about wall-clock time in Paris. */
let now = new Date('2026-10-23T08:30:00Z');

describe('the call centre, with an injected clock (each case calls a person of its own)', () => {
  const ledger = useLedger('calls', { projector: true, overrides: { clock: { now: () => now } } });
  const call = async (path: string, body: unknown, at?: string) => {
    if (at !== undefined) now = new Date(at);
    const response = await fetch(`${ledger.api.url}${path}`, {
      method: 'POST',
      headers: adminHeaders(),
      body: JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as Record<string, any> }; // eslint-disable-line @typescript-eslint/no-explicit-any
  };

  /** A prospect known by id and phone; `lastWrite` is what a start must include (read-your-writes). */
  const callee = async (subjectId: string, phone: string, where: object = {}) => {
    const registered = await fetch(`${ledger.api.url}/v1/subjects/${subjectId}`, {
      method: 'PUT',
      headers: adminHeaders(),
      body: JSON.stringify({ kind: 'prospect', identifiers: { phones: [phone] }, ...where }),
    });
    expect(registered.status).toBe(200);
    const person = {
      lastWrite: ((await registered.json()) as { position: string }).position,
      consent: async (at: string) => {
        const consent = await call(
          `/v1/subjects/${subjectId}/consents`,
          {
            purpose: 'prospecting',
            channels: ['phone'],
            source: { collectionPoint: 'site/rappel', method: 'web_form' },
            // A consent to telephone canvassing names its notice and its proof (issue 13, finding 1).
            notice: { id: 'callback-notice', version: '2026-01' },
            proof: { type: 'call_recording', ref: `${subjectId}-callback` },
          },
          at,
        );
        expect(consent.status).toBe(201);
        person.lastWrite = consent.body.position as string;
      },
      attempt: async (at: string, outcome: 'no_answer' | 'refused') => {
        const attempt = await call(
          `/v1/calls/${nextCallId()}/outcome`,
          { subject: { subjectId }, kind: 'canvassing', outcome },
          at,
        );
        expect(attempt.status).toBe(201);
      },
      startCanvassing: async (at: string) => {
        const started = await call(
          `/v1/calls/${nextCallId()}/start`,
          { subject: { phone }, kind: 'canvassing', consistentWith: person.lastWrite },
          at,
        );
        expect(started.status).toBe(200);
        return started.body.canvassing as { allowed: boolean; reason: string };
      },
    };
    return person;
  };

  it('needs consent for telephone canvassing after 2026-08-11, then applies D.223-9 hours across DST and holidays', async () => {
    const person = await callee('callee-hours', '+33611223301');
    expect(await person.startCanvassing('2026-10-23T08:30:00Z')).toMatchObject({
      allowed: false,
      reason: 'consent_missing',
    });
    await person.consent('2026-10-23T08:31:00Z');
    const cases: Array<[string, boolean, string]> = [
      ['2026-10-23T08:32:00Z', true, 'consent_given'], // Friday 10:32 summer time
      ['2026-10-26T08:30:00Z', false, 'outside_calling_hours'], // Monday 09:30 winter time
      ['2026-10-26T09:30:00Z', true, 'consent_given'], // Monday 10:30 winter time
      ['2026-10-26T12:15:00Z', false, 'outside_calling_hours'], // Monday 13:15, lunch break
      ['2026-11-11T10:00:00Z', false, 'outside_calling_hours'], // Armistice day
      ['2026-11-14T10:00:00Z', false, 'outside_calling_hours'], // Saturday
    ];
    for (const [at, allowed, reason] of cases) {
      expect({ at, ...(await person.startCanvassing(at)) }).toMatchObject({ at, allowed, reason });
    }
  });

  it('allows four canvassing attempts in 30 days, then waits for the oldest to age out', async () => {
    const person = await callee('callee-attempts', '+33611223302');
    await person.consent('2026-11-02T10:00:00Z');
    for (const day of ['16', '17', '18', '19']) await person.attempt(`2026-11-${day}T10:00:00Z`, 'no_answer');
    expect(await person.startCanvassing('2026-11-20T09:30:00Z')).toMatchObject({
      allowed: false,
      reason: 'attempt_limit_reached',
    });
    expect(await person.startCanvassing('2026-12-18T09:30:00Z')).toMatchObject({
      allowed: true,
      reason: 'consent_given',
    });
  });

  it('blocks canvassing after a refusal during a call until the person consents again', async () => {
    const person = await callee('callee-refusal', '+33611223303');
    await person.consent('2026-12-01T09:00:00Z');
    await person.attempt('2026-12-18T09:40:00Z', 'refused');
    expect(await person.startCanvassing('2026-12-18T09:45:00Z')).toMatchObject({
      allowed: false,
      reason: 'refused_during_call',
    });
    await person.consent('2026-12-21T09:00:00Z');
    expect(await person.startCanvassing('2026-12-21T09:30:00Z')).toMatchObject({
      allowed: true,
      reason: 'consent_given',
    });
  });

  it('answers recording objections with the instruction and the destroy-by dates, and the next call sees them', async () => {
    const person = await callee('callee-recording', '+33611223304');
    await person.consent('2026-12-21T09:00:00Z');
    const quality = await call(
      '/v1/calls/c-4/recording-objections',
      { subject: { subjectId: 'callee-recording' }, recording: 'quality' },
      '2026-12-22T10:00:00Z',
    );
    expect(quality.status).toBe(201);
    expect(quality.body).toMatchObject({
      instruction: 'stop_recording',
      destroyBy: { recording: '2027-06-22T10:00:00.000Z', analysisGrid: '2027-12-22T10:00:00.000Z' },
    });
    const canvassing = await call('/v1/calls/c-4/recording-objections', {
      subject: { phone: '+33 6 11 22 33 04' },
      recording: 'canvassing',
    });
    expect(canvassing.body).toMatchObject({
      instruction: 'end_call_and_destroy_recording',
      destroyBy: { recording: '2026-12-22T10:00:00.000Z' },
    });
    const next = await call('/v1/calls/c-5/start', {
      subject: { subjectId: 'callee-recording' },
      kind: 'canvassing',
    });
    expect(next.body.recording).toMatchObject({
      quality: { allowed: false, reason: 'opposed' },
      canvassing: { allowed: false, reason: 'opposed' },
    });
    // Such a call must be recorded: the standing objection refuses it (issue 13, finding 6).
    expect(next.body.canvassing).toMatchObject({ allowed: false, reason: 'recording_objection' });
  });

  it('dates destruction in calendar months, clamped to the month end: objected on 31 August, kept until 28 February', async () => {
    await callee('callee-month-end', '+33611223305');
    const quality = await call(
      '/v1/calls/c-7/recording-objections',
      { subject: { subjectId: 'callee-month-end' }, recording: 'quality' },
      '2026-08-31T10:00:00Z',
    );
    expect(quality.body.destroyBy).toEqual({
      recording: '2027-02-28T10:00:00.000Z',
      analysisGrid: '2027-08-31T10:00:00.000Z',
    });
  });

  it('(issue 13, finding 8) calls a person in La Réunion in their hours and spares their holiday', async () => {
    const person = await callee('callee-reunion', '+262692123456', {
      timeZone: 'Indian/Reunion',
      holidayCalendar: 'la-reunion',
    });
    await person.consent('2026-12-01T06:00:00Z');
    // Tuesday 15 December, 07:30 UTC: 11:30 in La Réunion (08:30 in Paris, before the hours there).
    expect(await person.startCanvassing('2026-12-15T07:30:00Z')).toMatchObject({
      allowed: true,
      reason: 'consent_given',
    });
    // Monday 20 December 2027, 11:30 there: the abolition of slavery, a public holiday in La Réunion.
    expect(await person.startCanvassing('2027-12-20T07:30:00Z')).toMatchObject({
      allowed: false,
      reason: 'outside_calling_hours',
    });
    const paris = await callee('callee-paris', '+33611223306');
    await paris.consent('2026-12-01T09:00:00Z');
    expect(await paris.startCanvassing('2026-12-15T07:30:00Z')).toMatchObject({
      allowed: false,
      reason: 'outside_calling_hours',
    });
  });

  it('refuses a time zone that does not exist with a problem naming the field', async () => {
    const response = await fetch(`${ledger.api.url}/v1/subjects/callee-nowhere`, {
      method: 'PUT',
      headers: adminHeaders(),
      body: JSON.stringify({ kind: 'prospect', timeZone: 'Mars/Olympus' }),
    });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { errors: Array<{ field: string }> }).errors[0].field).toBe(
      'timeZone',
    );
  });

  it('(issue 13, finding 6) a call that starts counts as an attempt: the fifth start in 30 days is refused', async () => {
    const person = await callee('callee-starts', '+33611223307');
    await person.consent('2026-12-01T09:00:00Z');
    for (const day of ['07', '08', '09', '10']) {
      expect(await person.startCanvassing(`2026-12-${day}T09:30:00Z`)).toMatchObject({ allowed: true });
    }
    expect(await person.startCanvassing('2026-12-11T09:30:00Z')).toMatchObject({
      allowed: false,
      reason: 'attempt_limit_reached',
    });
  });

  it('(issue 13, finding 6) records destroy-by dates at the start and at an objection, and lists what is due', async () => {
    const person = await callee('callee-destroy', '+33611223308');
    await person.consent('2026-12-01T09:00:00Z');
    const started = await call(
      '/v1/calls/dd-1/start',
      { subject: { subjectId: 'callee-destroy' }, kind: 'canvassing', consistentWith: person.lastWrite },
      '2026-12-15T09:30:00Z',
    );
    expect(started.body).toMatchObject({ canvassing: { allowed: true }, eventId: expect.any(String) });
    const objected = await call(
      '/v1/calls/dd-1/recording-objections',
      { subject: { subjectId: 'callee-destroy' }, recording: 'quality' },
      '2026-12-15T09:40:00Z',
    );
    expect(objected.status).toBe(201);
    const due = async (before: string) => {
      const response = await fetch(
        `${ledger.api.url}/v1/recordings/due-for-destruction?before=${before}&consistentWith=${objected.body.position}`,
        { headers: adminHeaders() },
      );
      expect(response.status).toBe(200);
      const body = (await response.json()) as { recordings: Array<Record<string, string>> };
      return body.recordings.filter((r) => r.subjectId === 'callee-destroy');
    };
    // The objection's dates replace the start's for the quality recording; canvassing keeps 2 years.
    expect(await due('2027-07-01T00:00:00Z')).toEqual([
      {
        subjectId: 'callee-destroy',
        callId: 'dd-1',
        recording: 'quality',
        destroyBy: '2027-06-15T09:40:00.000Z',
        analysisGridDestroyBy: '2027-12-15T09:40:00.000Z',
        eventId: objected.body.eventId,
      },
    ]);
    expect((await due('2029-01-01T00:00:00Z')).map((r) => [r.recording, r.destroyBy])).toEqual([
      ['quality', '2027-06-15T09:40:00.000Z'],
      ['canvassing', '2028-12-15T09:30:00.000Z'],
    ]);
  });

  it('an objection for a phone number the ledger does not know is a 404, and records nothing', async () => {
    const before = await topicRecordCount(ledger.config);
    const unknown = await call('/v1/calls/c-6/recording-objections', {
      subject: { phone: '+33 6 99 99 99 99' },
      recording: 'quality',
    });
    expect(unknown.status).toBe(404);
    expect(await topicRecordCount(ledger.config)).toBe(before);
  });
});
