import { encodeEvent, EventSigner, eventSignerOf, EventVerifier, type SigningJwk } from '@ledger/contracts';
import { registerOpposition, type LedgerEvent } from '@ledger/domain';
import { createKafka, deadLetterTopicOf, ensureEventsTopic } from '@ledger/kafka';
import { readAllEvents, topicRecordCount } from '../support/event-log-reader';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { adminHeaders, eventually, startApi, testConfig, testEnv, useLedger } from '../support/test-ledger';

describe('the dead-letter topic', () => {
  const ledger = useLedger('dead_letter', { projector: true });

  it('receives an undecodable record with the reason, and consumption goes on', async () => {
    const kafka = createKafka(ledger.config.kafka);
    await ensureEventsTopic(kafka, { topic: ledger.config.kafka.eventsTopic, partitions: 3 });
    const producer = kafka.producer();
    await producer.connect();
    await producer.send({
      topic: ledger.config.kafka.eventsTopic,
      messages: [
        {
          key: 'dl-1',
          value: '{"kind":"member"}',
          headers: { ce_specversion: '1.0', ce_type: 'eu.consent-ledger.subject-registered.v99' },
        },
        { key: 'dl-1', value: 'not json at all' },
      ],
    });
    await producer.disconnect();
    // A valid write for the same subject, after the bad ones: it must still be projected.
    const written = await fetch(`${ledger.api.url}/v1/subjects/dl-1/oppositions`, {
      method: 'POST',
      headers: adminHeaders(),
      body: JSON.stringify({
        purpose: 'profiling',
        channels: ['email'],
        source: { collectionPoint: 'x', method: 'api' },
      }),
    });
    expect(written.status).toBe(201);

    const consumer = kafka.consumer({ groupId: `dlq-reader-${Date.now()}` });
    await consumer.connect();
    await consumer.subscribe({
      topic: deadLetterTopicOf(ledger.config.kafka.eventsTopic),
      fromBeginning: true,
    });
    const dead: Array<Record<string, string>> = [];
    void consumer.run({
      eachMessage: async ({ message }) => {
        dead.push(Object.fromEntries(Object.entries(message.headers ?? {}).map(([k, v]) => [k, String(v)])));
      },
    });
    await eventually(async () => (dead.length >= 2 ? true : undefined));
    await consumer.disconnect();
    expect(dead.map((h) => h['dlq-reason']).sort()).toEqual([
      'unknown event type or version eu.consent-ledger.subject-registered.v99',
      'unsupported ce_specversion undefined',
    ]);
    expect(dead[0]).toMatchObject({
      'dlq-source-topic': ledger.config.kafka.eventsTopic,
      'dlq-source-partition': expect.any(String),
    });

    const history = await fetch(`${ledger.api.url}/v1/subjects/dl-1/history`, { headers: adminHeaders() });
    expect(((await history.json()) as { events: Array<{ type: string }> }).events.map((e) => e.type)).toEqual(
      ['OppositionRegistered'],
    );
  });

  it('an event written straight to Kafka, unsigned or forged, is dead-lettered with an alert, never projected', async () => {
    const kafka = createKafka(ledger.config.kafka);
    const at = new Date().toISOString();
    const opposition = (subjectId: string, id: string) =>
      registerOpposition(
        {
          subjectId,
          actor: { type: 'subject' },
          source: { collectionPoint: 'intruder', method: 'api', client: 'intruder' },
          purpose: 'prospecting',
          channels: ['email'],
        },
        { eventId: id, now: at },
      );
    const ledgerKey = eventSignerOf(ledger.config);
    const otherKey = new EventSigner(Buffer.alloc(32, 66));
    // Signed by the ledger, then its data changed: the signature no longer covers it.
    const tampered = ledgerKey.sign(opposition('forged-3', 'f-3'));
    const messages = [
      opposition('forged-1', 'f-1'),
      otherKey.sign(opposition('forged-2', 'f-2')),
      { ...tampered, data: { ...tampered.data, purpose: 'profiling' } },
    ].map((event) => {
      const wire = encodeEvent(event as LedgerEvent);
      return { key: wire.key, value: wire.value, headers: wire.headers };
    });
    const producer = kafka.producer();
    await producer.connect();
    await producer.send({ topic: ledger.config.kafka.eventsTopic, messages });
    await producer.disconnect();

    const consumer = kafka.consumer({ groupId: `dlq-forged-${Date.now()}` });
    await consumer.connect();
    await consumer.subscribe({
      topic: deadLetterTopicOf(ledger.config.kafka.eventsTopic),
      fromBeginning: true,
    });
    const seen: string[] = [];
    void consumer.run({
      eachMessage: async ({ message }) => void seen.push(String(message.headers?.['dlq-reason'] ?? '')),
    });
    const reasons = await eventually(async () => {
      const found = seen.filter((reason) => /sign|key/.test(reason));
      return found.length >= 3 ? found.sort() : undefined;
    }, 60_000);
    await consumer.disconnect();
    expect(reasons).toEqual([
      'forged event: the signature does not verify',
      `signed by an unknown key ${otherKey.jwk.kid.slice(0, 12)}`,
      'unsigned event',
    ]);
    for (const subjectId of ['forged-1', 'forged-2', 'forged-3']) {
      const state = await fetch(`${ledger.api.url}/v1/subjects/${subjectId}`, { headers: adminHeaders() });
      expect(state.status).toBe(404);
    }
    // What the API writes verifies with the published keys alone.
    const jwks = (await (await fetch(`${ledger.api.url}/.well-known/jwks.json`)).json()) as {
      keys: SigningJwk[];
    };
    const [written] = (await readAllEvents(ledger.config, { skipUndecodable: true })).filter(
      (event) => event.subjectId === 'dl-1',
    );
    expect(new EventVerifier(jwks.keys).problem(written)).toBeUndefined();
  });

  it('an API or a projector configured with another signing key refuses to write or to project (fail closed)', async () => {
    // The ledger's key is recorded by its first write (the tests above wrote with it).
    const otherSeed = Buffer.alloc(32, 9).toString('base64');
    const other = testConfig('dead_letter', { LEDGER_SIGNING_KEY: otherSeed });
    const api = await startApi(other);
    try {
      const before = await topicRecordCount(ledger.config);
      const answer = await fetch(`${api.url}/v1/subjects/dl-key/oppositions`, {
        method: 'POST',
        headers: adminHeaders(),
        body: JSON.stringify({
          purpose: 'profiling',
          channels: ['email'],
          source: { collectionPoint: 'x', method: 'api' },
        }),
      });
      expect(answer.status).toBe(503);
      expect(answer.headers.get('retry-after')).not.toBeNull();
      const problem = (await answer.json()) as { type: string; detail: string };
      expect(problem.type).toMatch(/signing-key-mismatch$/);
      expect(problem.detail).toContain('LEDGER_SIGNING_KEY');
      expect(await topicRecordCount(ledger.config)).toBe(before);
    } finally {
      await api.close();
    }
    // The projector process itself: it exits before consuming, saying why (its supervisor retries).
    const projector = await new Promise<{ code: number | null; output: string }>((resolve) => {
      execFile(
        process.execPath,
        [join(__dirname, '..', '..', 'dist', 'apps', 'projector', 'src', 'main.js')],
        {
          env: { ...process.env, ...testEnv('dead_letter', { LEDGER_SIGNING_KEY: otherSeed }) },
          timeout: 60_000,
        },
        (error, stdout, stderr) =>
          resolve({ code: error ? ((error as { code?: number }).code ?? null) : 0, output: stdout + stderr }),
      );
    });
    expect(projector.code).toBe(1);
    expect(projector.output).toContain('SigningKeyRefused');
    expect(projector.output).toContain('LEDGER_SIGNING_KEY');
  });
});
