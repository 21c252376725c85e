import { IdentifierHasher } from '@ledger/contracts';
import {
  DEFAULT_POLICY,
  evolveSubjectRecord,
  giveConsent,
  registerSubject,
  type SubjectRecord,
} from '@ledger/domain';
import type { SubjectKey } from '../../read-side/subject-reader';
import { parseLine, type BatchQuery, type ParsedLine } from './batch-lines';
import { keyedReads, type LineReader } from './keyed-reads';

const AT = '2026-06-01T10:00:00.000Z';
const provenance = (subjectId: string) => ({
  subjectId,
  actor: { type: 'subject' as const },
  source: { collectionPoint: 'test', method: 'web_form' as const, client: 'test' },
  occurredAt: '2026-05-01T10:00:00.000Z',
});
const hasher = new IdentifierHasher(Buffer.alloc(32, 9));
const context = (id: string) => ({ eventId: id, now: '2026-05-01T10:00:00.000Z' });

/** Even subjects consented to email prospecting; odd ones are known prospects without consent. */
function ledgerOf(size: number): Map<string, SubjectRecord> {
  const records = new Map<string, SubjectRecord>();
  for (let i = 0; i < size; i++) {
    const id = `s-${i}`;
    const registered = registerSubject(
      {
        ...provenance(id),
        kind: 'prospect',
        identifiers: { emails: [`p${i}@x.fr`], phones: [] },
        identifierKeys: hasher.hashAll({ emails: [`p${i}@x.fr`], phones: [] }),
      },
      context(`r-${i}`),
    );
    let record = evolveSubjectRecord(null, registered, { partition: 0, offset: '0' });
    if (i % 2 === 0) {
      const consent = giveConsent(
        { ...provenance(id), purpose: 'prospecting', channels: ['email'] },
        context(`c-${i}`),
      );
      record = evolveSubjectRecord(record, consent, { partition: 0, offset: '1' });
    }
    records.set(id, record);
  }
  return records;
}

/** The read side in memory: ids and emails, as the real reader resolves them. */
function readerOf(records: Map<string, SubjectRecord>): LineReader & { calls: number } {
  const byEmail = new Map([...records.values()].map((r) => [`email:${r.identifierKeys!.emails[0]}`, r]));
  const reader = {
    calls: 0,
    resolveMany: async (keys: SubjectKey[]) => {
      reader.calls++;
      return keys.map((key) => {
        const record = 'subjectId' in key ? records.get(key.subjectId) : byEmail.get(key.identifier);
        return { subjectId: record?.subjectId, record: record ?? null };
      });
    },
  };
  return reader;
}

const keyOf = {
  keyOf: (ref: { subjectId?: string; email?: string }): SubjectKey =>
    ref.subjectId !== undefined
      ? { subjectId: ref.subjectId }
      : { identifier: hasher.key('email', ref.email!) },
};
const query: BatchQuery = { policy: DEFAULT_POLICY, purpose: 'prospecting', channel: 'email', at: AT };

async function answers(lines: string[], reader: LineReader) {
  async function* parsed(): AsyncGenerator<ParsedLine> {
    for (const [i, text] of lines.entries()) yield parseLine(keyOf, i + 1, text);
  }
  const out = [];
  for await (const answer of keyedReads(parsed(), reader, query)) out.push(answer);
  return out;
}

describe('batch decisions by keyed reads', () => {
  it('answers every line in input order, across many lookup windows, as a single decision would', async () => {
    const ledger = ledgerOf(100);
    const lines = Array.from({ length: 100 }, (_, i) =>
      i % 3 === 0
        ? JSON.stringify({ email: `p${99 - i}@x.fr` })
        : JSON.stringify({ subjectId: `s-${99 - i}` }),
    );
    const reader = readerOf(ledger);
    const answered = await answers(lines, reader);
    expect(answered.map((a) => a.line)).toEqual(lines.map((_, i) => i + 1));
    for (const [i, answer] of answered.entries()) {
      const consented = (99 - i) % 2 === 0;
      expect(answer).toMatchObject({
        allowed: consented,
        reason: consented ? 'consent_given' : 'consent_missing',
      });
    }
    // Lines are looked up in windows, not one by one.
    expect(reader.calls).toBeLessThan(10);
  });

  it('a bad line is answered by its own error, in its place; an unknown subject is refused', async () => {
    const answered = await answers(
      ['{"subjectId":"s-0"}', 'not json', '{"subjectId":"s-0","email":"p0@x.fr"}', '{"email":"nobody@x.fr"}'],
      readerOf(ledgerOf(1)),
    );
    expect(answered).toEqual([
      { line: 1, subject: { subjectId: 's-0' }, allowed: true, reason: 'consent_given' },
      {
        line: 2,
        error: { type: 'urn:consent-ledger:problem:validation-failed', detail: 'not a JSON object' },
      },
      {
        line: 3,
        error: {
          type: 'urn:consent-ledger:problem:validation-failed',
          detail: 'give exactly one of subjectId, email, phone, as a string',
        },
      },
      { line: 4, subject: { email: 'nobody@x.fr' }, allowed: false, reason: 'consent_missing' },
    ]);
  });

  it('a subject whose restrictive write is still pending gets its own 503 line; the others are answered', async () => {
    const reader = readerOf(ledgerOf(4));
    const resolve = reader.resolveMany;
    reader.resolveMany = async (keys: SubjectKey[]) =>
      (await resolve(keys)).map((resolved) =>
        resolved.subjectId === 's-2' ? { ...resolved, record: null, pending: new Map([[0, 7]]) } : resolved,
      );
    const answered = await answers(
      ['{"subjectId":"s-0"}', '{"email":"p2@x.fr"}', '{"subjectId":"s-1"}'],
      reader,
    );
    expect(answered).toEqual([
      { line: 1, subject: { subjectId: 's-0' }, allowed: true, reason: 'consent_given' },
      {
        line: 2,
        subject: { email: 'p2@x.fr' },
        error: {
          type: 'urn:consent-ledger:problem:read-side-lagging',
          detail: expect.stringMatching(/not applied yet/),
        },
      },
      { line: 3, subject: { subjectId: 's-1' }, allowed: false, reason: 'consent_missing' },
    ]);
  });
});
