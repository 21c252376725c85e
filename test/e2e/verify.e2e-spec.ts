import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MongoClient } from 'mongodb';
import { encodeEvent, EventSigner, type SignedCheckpoint } from '@ledger/contracts';
import { giveConsent, type HistoryEntry } from '@ledger/domain';
import { checkpointTopicOf, createKafka } from '@ledger/kafka';
import { COLLECTIONS } from '@ledger/mongo';
import { readRawRecords } from '../support/event-log-reader';
import { adminCaller, eventually, readModelCaughtUp, testEnv, useLedger } from '../support/test-ledger';

const CLI = join(__dirname, '..', '..', 'bin', 'ledger.js');
const source = { collectionPoint: 'e2e', method: 'web_form' };
const NOTICE = { id: 'prospecting-notice', version: '2026-11' };
// Signed checkpoints every 300 ms instead of every minute, so the test sees some.
const ENV = { LEDGER_CHECKPOINT_INTERVAL_MS: '300' };

jest.setTimeout(240_000);

interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

describe('ledger verify: the read models and checkpoints against the signed log (issue 15, acceptance 1)', () => {
  const ledger = useLedger('verify', { projector: true, env: ENV });
  const call = adminCaller(ledger);
  let dir: string;
  let mongo: MongoClient;

  const verify = (...args: string[]) =>
    new Promise<CliRun>((resolve) => {
      execFile(
        process.execPath,
        [CLI, 'verify', '--no-progress', '--wait', '30', ...args],
        { env: { ...process.env, ...testEnv('verify', ENV) }, maxBuffer: 1 << 22 },
        (error, stdout, stderr) =>
          resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
      );
    });
  const db = () => mongo.db(ledger.config.mongo.database);

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ledger-verify-'));
    mongo = new MongoClient(ledger.config.mongo.uri);
    const jwks = await fetch(`${ledger.api.url}/.well-known/jwks.json`);
    writeFileSync(join(dir, 'jwks.json'), await jwks.text());

    expect(
      (
        await call('PUT', '/v1/subjects/v-anne', {
          kind: 'prospect',
          identifiers: { emails: ['anne@example.fr'] },
        })
      ).status,
    ).toBe(200);
    for (const path of ['consents', 'consents', 'oppositions'])
      expect(
        (
          await call('POST', `/v1/subjects/v-anne/${path}`, {
            purpose: 'prospecting',
            channels: ['email'],
            source,
            notice: NOTICE,
          })
        ).status,
      ).toBe(201);
    expect(
      (
        await call('POST', '/v1/subjects/v-anne/consent-withdrawals', {
          purpose: 'prospecting',
          channels: ['email'],
          source,
        })
      ).status,
    ).toBe(201);
    await call('PUT', '/v1/subjects/v-bob', { kind: 'member', identifiers: { phones: ['+33612345678'] } });
    // An erased person: the chain runs through the erasure, verifiable with the values unreadable.
    await call('PUT', '/v1/subjects/v-carl', {
      kind: 'prospect',
      identifiers: { emails: ['carl@example.fr'] },
    });
    await call('POST', '/v1/subjects/v-carl/consents', {
      purpose: 'prospecting',
      channels: ['email'],
      source,
      notice: NOTICE,
    });
    const request = await call('POST', '/v1/rights-requests', {
      subject: { subjectId: 'v-carl' },
      type: 'erasure',
      channel: 'email',
      receivedAt: new Date().toISOString(),
    });
    const completed = await call('POST', `/v1/rights-requests/${request.body.requestId}/completion`, {});
    expect(completed.body).toMatchObject({ status: 'completed', erasure: { erasedAt: expect.any(String) } });
    await readModelCaughtUp(ledger.config);
  });

  afterAll(async () => {
    await mongo.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('the history shows each event linked to the one before it', async () => {
    const history = await call('GET', '/v1/subjects/v-carl/history');
    const chain = (history.body.events as Array<{ chain: HistoryEntry['chain']; type: string }>).map(
      (e) => e.chain!,
    );
    // Registration, consent, the request received and completed, the erasure.
    expect(chain.length).toBeGreaterThanOrEqual(4);
    expect(chain[0].previous).toBe('0'.repeat(64));
    for (let i = 1; i < chain.length; i++) expect(chain[i].previous).toBe(chain[i - 1].hash);
    const state = await db()
      .collection(COLLECTIONS.subjects)
      .findOne({ _id: 'v-carl' as never });
    expect(state).toMatchObject({ chainHead: chain[chain.length - 1].hash, erasedAt: expect.any(String) });
  });

  it('passes on an untouched ledger, signed checkpoints included, with only the public keys', async () => {
    const topic = ledger.config.kafka.eventsTopic;
    // Signed checkpoints in the database and on their topic, up to the last offsets.
    await eventually(async () => {
      const marks = await db().collection(COLLECTIONS.checkpoints).find({ topic }).toArray();
      const signed = await db()
        .collection<SignedCheckpoint>(COLLECTIONS.signedCheckpoints)
        .find({ topic })
        .toArray();
      return marks.length > 0 &&
        marks.every((mark) =>
          signed.some((s) => s.partition === mark.partition && s.offset === mark.appliedOffset),
        )
        ? true
        : undefined;
    });
    expect((await readRawRecords(ledger.config, checkpointTopicOf(topic))).length).toBeGreaterThan(0);

    const run = await verify('--jwks', join(dir, 'jwks.json'), '--json', join(dir, 'report.json'));
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('no divergence');
    const report = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8'));
    expect(report).toMatchObject({ divergences: [], subjects: 3, readModels: { subjects: 3 } });
    expect(report.checkpoints.checked).toBeGreaterThanOrEqual(2);
    // The same keys fetched from the API's JWKS endpoint.
    expect((await verify('--api-url', ledger.api.url)).code).toBe(0);
    // An auditor with only Kafka and the JWKS: signatures, chains and the checkpoints topic.
    const logOnly = await verify(
      '--jwks',
      join(dir, 'jwks.json'),
      '--log-only',
      '--json',
      join(dir, 'log.json'),
    );
    expect(logOnly.code).toBe(0);
    const fromLog = JSON.parse(readFileSync(join(dir, 'log.json'), 'utf8'));
    expect(fromLog).toMatchObject({ divergences: [], subjects: 3 });
    expect(fromLog.readModels).toBeUndefined();
    expect(fromLog.checkpoints.checked).toBeGreaterThanOrEqual(1);
  });

  it('an event forged with another key is dead-lettered, not projected; verify lists it and still passes', async () => {
    const intruder = new EventSigner(Buffer.alloc(32, 7));
    const forged = intruder.sign(
      giveConsent(
        {
          subjectId: 'v-bob',
          actor: { type: 'subject' },
          source: { collectionPoint: 'intruder', method: 'api', client: 'intruder' },
          purpose: 'prospecting',
          channels: ['phone'],
          notice: NOTICE,
        },
        { eventId: 'forged-1', now: new Date().toISOString() },
      ),
    );
    const producer = createKafka(ledger.config.kafka).producer();
    await producer.connect();
    const wire = encodeEvent(forged);
    await producer.send({ topic: ledger.config.kafka.eventsTopic, messages: [wire] });
    await producer.disconnect();
    await readModelCaughtUp(ledger.config);
    const bob = await call('GET', '/v1/subjects/v-bob/history');
    expect((bob.body.events as Array<{ id: string }>).map((e) => e.id)).not.toContain('forged-1');

    const run = await verify('--jwks', join(dir, 'jwks.json'), '--json', join(dir, 'forged.json'));
    expect(run.code).toBe(0);
    const report = JSON.parse(readFileSync(join(dir, 'forged.json'), 'utf8'));
    expect(report.notProjected).toEqual([
      { position: expect.any(String), reason: expect.stringContaining('signed by an unknown key') },
    ]);
  });

  it('names a subject record edited in the database (a withdrawal turned into a consent)', async () => {
    const subjects = db().collection<{ _id: string; retained: HistoryEntry[] }>(COLLECTIONS.subjects);
    const original = (await subjects.findOne({ _id: 'v-anne' }))!;
    const edited = structuredClone(original);
    const withdrawal = edited.retained.find((entry) => entry.type === 'ConsentWithdrawn')!;
    withdrawal.type = 'ConsentGiven';
    await subjects.replaceOne({ _id: 'v-anne' }, edited);

    const run = await verify('--jwks', join(dir, 'jwks.json'));
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(
      `first divergence: subject v-anne, retained event ${withdrawal.id} (seq ${withdrawal.seq}): differs from the event in the log`,
    );
    await subjects.replaceOne({ _id: 'v-anne' }, original);
    expect((await verify('--jwks', join(dir, 'jwks.json'))).code).toBe(0);
  });

  it('names a history entry removed or edited, and a signed checkpoint altered', async () => {
    const history = db().collection<{ _id: string; entry: HistoryEntry }>(COLLECTIONS.subjectHistory);
    const slot = (await history.findOne({ _id: 'v-anne#1' }))!;
    await history.updateOne(
      { _id: 'v-anne#1' },
      { $set: { 'entry.occurredAt': '2020-01-01T00:00:00.000Z' } },
    );
    let run = await verify('--jwks', join(dir, 'jwks.json'));
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(
      `first divergence: history entry v-anne#1 (event ${slot.entry.id}): differs from the event in the log`,
    );

    await history.deleteOne({ _id: 'v-anne#1' });
    run = await verify('--jwks', join(dir, 'jwks.json'));
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('history of subject v-anne: holds 4 of the 5 events the log gives');
    await history.insertOne(slot);

    const checkpoints = db().collection<SignedCheckpoint & { _id: string }>(COLLECTIONS.signedCheckpoints);
    const checkpoint = (await checkpoints.findOne({}))!;
    await checkpoints.updateOne({ _id: checkpoint._id }, { $set: { digest: 'f'.repeat(64) } });
    run = await verify('--jwks', join(dir, 'jwks.json'));
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(
      `first divergence: signed checkpoint ${checkpoint.partition}:${checkpoint.offset} (database): not trustworthy: its digest differs from the one signed`,
    );
    await checkpoints.updateOne({ _id: checkpoint._id }, { $set: { digest: checkpoint.digest } });
    expect((await verify('--jwks', join(dir, 'jwks.json'))).code).toBe(0);
  });
});
