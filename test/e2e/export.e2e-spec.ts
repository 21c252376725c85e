import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { parse } from 'csv-parse/sync';
import { SUBJECT_EXPORT_CSV_COLUMNS, SUBJECT_EXPORT_SCHEMA } from '@ledger/contracts';
import { adminCaller, adminHeaders, appendAlternatingHistory, useLedger } from '../support/test-ledger';

const EVENTS = 1000;
const EMAIL = 'jeanne.martin@example.fr';

describe('access and portability: a streamed export that validates against its published schema (issue 14, acceptance 5)', () => {
  const ledger = useLedger('export', { projector: true });
  const call = adminCaller(ledger);
  const validate = (() => {
    const ajv = new Ajv({ strict: false });
    addFormats(ajv);
    return ajv.compile(SUBJECT_EXPORT_SCHEMA);
  })();

  it('a subject with 1,000 events: every event in order, identifiers in clear, requests; JSON and CSV stream', async () => {
    const registered = await call('PUT', '/v1/subjects/ex-jeanne', {
      kind: 'prospect',
      identifiers: { emails: [EMAIL], phones: ['+33 6 98 76 54 32'] },
    });
    expect(registered.status).toBe(200);
    const ids = await appendAlternatingHistory(
      ledger.api.url,
      'ex-jeanne',
      EVENTS,
      Date.parse('2026-01-01T00:00:00Z'),
    );
    const request = await call('POST', '/v1/rights-requests', {
      subject: { subjectId: 'ex-jeanne' },
      type: 'portability',
      channel: 'post',
      receivedAt: new Date().toISOString(),
    });
    expect(request.status).toBe(201);

    const response = await fetch(`${ledger.api.url}/v1/subjects/ex-jeanne/export`, {
      headers: adminHeaders(),
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    // Streamed as it is read, never buffered whole: no length is known when it starts.
    expect(response.headers.get('content-length')).toBeNull();
    expect(response.headers.get('transfer-encoding')).toBe('chunked');
    const bundle = (await response.json()) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
    expect(validate(bundle) ? [] : validate.errors).toEqual([]);
    expect(bundle.state).toMatchObject({
      kind: 'prospect',
      identifiers: { emails: [EMAIL], phones: ['+33698765432'] },
      eventCount: EVENTS + 2,
    });
    const exported = bundle.events as Array<{ id: string; seq: number; type: string }>;
    expect(exported.map((event) => event.seq)).toEqual([...Array(EVENTS + 2).keys()]);
    expect(exported.slice(1, EVENTS + 1).map((event) => event.id)).toEqual(ids);
    expect(exported[0]).toMatchObject({
      type: 'SubjectRegistered',
      data: { identifiers: { emails: [EMAIL] } },
    });
    expect(bundle.rightsRequests).toEqual([
      expect.objectContaining({ requestId: request.body.requestId, type: 'portability', status: 'open' }),
    ]);

    const csv = await fetch(`${ledger.api.url}/v1/subjects/ex-jeanne/export?format=csv`, {
      headers: adminHeaders(),
    });
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    const rows = parse(await csv.text(), { columns: true }) as Array<Record<string, string>>;
    expect(Object.keys(rows[0])).toEqual([...SUBJECT_EXPORT_CSV_COLUMNS]);
    expect(rows.map((row) => row.id)).toEqual(exported.map((event) => event.id));
    expect(JSON.parse(rows[0].data)).toMatchObject({ identifiers: { emails: [EMAIL] } });
  });

  it('the schema is published; an unknown subject is a 404 problem; a bad format a 400', async () => {
    const schema = await fetch(`${ledger.api.url}/v1/schemas/subject-export`);
    expect(schema.status).toBe(200);
    expect(await schema.json()).toEqual(JSON.parse(JSON.stringify(SUBJECT_EXPORT_SCHEMA)));
    const unknown = await fetch(`${ledger.api.url}/v1/subjects/ex-nobody/export`, {
      headers: adminHeaders(),
    });
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const bad = await fetch(`${ledger.api.url}/v1/subjects/ex-jeanne/export?format=xml`, {
      headers: adminHeaders(),
    });
    expect(bad.status).toBe(400);
  });
});
