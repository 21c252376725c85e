import { readAllEvents } from '../support/event-log-reader';
import { adminCaller, useLedger } from '../support/test-ledger';

/** The API's clock, moved by each case: deadlines run in calendar months. */
let now = new Date('2027-01-31T10:00:00Z');

describe('rights requests: deadlines, one extension, the DPO board (issue 14)', () => {
  const ledger = useLedger('rights', { projector: true, overrides: { clock: { now: () => now } } });
  const call = adminCaller(ledger);
  const receive = async (subjectId: string, receivedAt: string, type = 'access') => {
    const registered = await call('PUT', `/v1/subjects/${subjectId}`, { kind: 'member' });
    expect(registered.status).toBe(200);
    now = new Date(receivedAt);
    const received = await call('POST', '/v1/rights-requests', {
      subject: { subjectId },
      type,
      channel: 'email',
      receivedAt,
    });
    expect(received.status).toBe(201);
    return received.body as { requestId: string; dueAt: string };
  };

  it('received on 31 January: due 28 February; extended once within the month: due 30 April', async () => {
    const request = await receive('rr-month-end', '2027-01-31T10:00:00.000Z');
    expect(request.dueAt).toBe('2027-02-28T10:00:00.000Z');
    now = new Date('2027-02-20T10:00:00Z');
    const extended = await call('POST', `/v1/rights-requests/${request.requestId}/extension`, {
      reason: 'the person sent several requests at once',
    });
    expect(extended).toMatchObject({ status: 201, body: { dueAt: '2027-04-30T10:00:00.000Z' } });
    const again = await call('POST', `/v1/rights-requests/${request.requestId}/extension`, {
      reason: 'more',
    });
    expect(again.status).toBe(409);
    expect(again.body.type).toBe('urn:consent-ledger:problem:conflict');
  });

  it('an extension asked once the first month has run out is refused with a problem', async () => {
    const request = await receive('rr-late', '2028-01-31T10:00:00.000Z');
    expect(request.dueAt).toBe('2028-02-29T10:00:00.000Z');
    now = new Date('2028-03-01T10:00:00Z');
    const late = await call('POST', `/v1/rights-requests/${request.requestId}/extension`, { reason: 'late' });
    expect(late.status).toBe(409);
  });

  it('a refusal is justified; a closed request takes no more steps; an unknown one is a 404', async () => {
    const request = await receive('rr-refused', '2027-03-01T10:00:00.000Z', 'erasure');
    const unjustified = await call('POST', `/v1/rights-requests/${request.requestId}/refusal`, {
      reason: 'manifestly_excessive',
    });
    expect(unjustified.status).toBe(400);
    const refused = await call('POST', `/v1/rights-requests/${request.requestId}/refusal`, {
      reason: 'manifestly_excessive',
      justification: 'the twelfth identical request this month',
    });
    expect(refused).toMatchObject({ status: 201, body: { status: 'refused' } });
    const completed = await call('POST', `/v1/rights-requests/${request.requestId}/completion`, {});
    expect(completed.status).toBe(409);
    const unknown = await call(
      'POST',
      '/v1/rights-requests/0195f1e2-7b1c-7cde-8f00-000000000000/completion',
      {},
    );
    expect(unknown.status).toBe(404);
  });

  it('the board lists open requests by deadline, marks the overdue and the due soon, and drops the answered', async () => {
    const overdue = await receive('rr-board-1', '2027-05-01T10:00:00.000Z');
    const soon = await receive('rr-board-2', '2027-05-25T10:00:00.000Z');
    const answered = await receive('rr-board-3', '2027-05-26T10:00:00.000Z');
    now = new Date('2027-06-20T10:00:00Z');
    const done = await call('POST', `/v1/rights-requests/${answered.requestId}/completion`, {});
    expect(done.status).toBe(201);
    const board = await call(
      'GET',
      `/v1/rights-requests?view=open&days=7&consistentWith=${done.body.position}`,
    );
    expect(board.status).toBe(200);
    const mine = (board.body.requests as Array<{ requestId: string; urgency: string | null }>).filter((r) =>
      [overdue.requestId, soon.requestId, answered.requestId].includes(r.requestId),
    );
    expect(mine).toEqual([
      expect.objectContaining({ requestId: overdue.requestId, urgency: 'overdue' }),
      expect.objectContaining({ requestId: soon.requestId, urgency: 'due_soon' }),
    ]);
    const overdueOnly = await call('GET', '/v1/rights-requests?view=overdue');
    const ids = (overdueOnly.body.requests as Array<{ requestId: string }>).map((r) => r.requestId);
    expect(ids).toContain(overdue.requestId);
    expect(ids).not.toContain(soon.requestId);
  });

  it('post-mortem directives are recorded, shown with the state to the DPO, and sealed in the log', async () => {
    await call('PUT', '/v1/subjects/rr-directives', { kind: 'member' });
    const recorded = await call('POST', '/v1/subjects/rr-directives/post-mortem-directives', {
      directives: 'erase my account; send my contracts to my notary',
      designee: 'Maître Durand, Lyon',
    });
    expect(recorded.status).toBe(201);
    const state = await call('GET', `/v1/subjects/rr-directives?consistentWith=${recorded.body.position}`);
    expect(state.body.postMortemDirectives).toEqual({
      directives: 'erase my account; send my contracts to my notary',
      designee: 'Maître Durand, Lyon',
      recordedAt: expect.any(String),
      eventId: recorded.body.eventId,
    });
    const [event] = (await readAllEvents(ledger.config)).filter((e) => e.id === recorded.body.eventId);
    expect(JSON.stringify(event)).not.toContain('notary');
    expect(JSON.stringify(event)).not.toContain('Durand');
    const empty = await call('POST', '/v1/subjects/rr-directives/post-mortem-directives', { directives: '' });
    expect(empty.status).toBe(400);
  });
});
