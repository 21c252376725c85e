import { deadLetterTopicOf } from '@ledger/kafka';
import { useFaultStack, TOPIC } from './support/fault-stack';
import { expectPromisesKept, Tally } from './support/workload';

/** A record with valid envelope headers, whatever type and data it claims. */
function poison(subject: string, ceType: string, data: string) {
  return {
    key: subject,
    value: Buffer.from(data),
    headers: {
      ce_specversion: '1.0',
      ce_id: `poison-${ceType}-${Math.random()}`,
      ce_source: 'urn:consent-ledger:client:intruder',
      ce_type: ceType,
      ce_subject: subject,
      ce_time: new Date().toISOString(),
      ce_recordedat: new Date().toISOString(),
      ce_actortype: 'system',
      ce_collectionpoint: 'kafka-console',
      ce_collectionmethod: 'api',
      'content-type': 'application/json',
    },
  };
}

describe('fault 1: poison records on the events topic', () => {
  const stack = useFaultStack();

  it('dead-letters each one, projects what follows, and never allows a withdrawn subject', async () => {
    const tally = new Tally(stack);
    const subjects = Array.from({ length: 12 }, (_, i) => `poisoned-${i}`);
    for (const s of subjects) expect((await tally.write('consent', s, `${s}-c`)).status).toBe(201);

    const producer = stack.kafkaClient().producer();
    await producer.connect();
    const poisons = subjects.flatMap((s) => [
      poison(s, 'eu.consent-ledger.constructor.v1', '{}'),
      poison(s, 'eu.consent-ledger.toString.v1', '{}'),
      poison(s, 'eu.consent-ledger.__proto__.v1', '{}'),
      poison(s, 'eu.consent-ledger.consent-given.v1', '{}'),
      poison(s, 'eu.consent-ledger.consent-withdrawn.v1', '{"purpose":"prospecting","channels":"email"}'),
      poison(s, 'eu.consent-ledger.subject-registered.v1', 'not json'),
    ]);
    await producer.send({ topic: TOPIC, messages: poisons });
    await producer.disconnect();

    for (const s of subjects) expect((await tally.write('withdrawal', s, `${s}-w`)).status).toBe(201);
    // Right after each acknowledgement, and again later: never allowed.
    for (let round = 0; round < 5; round++) {
      for (const s of subjects) {
        const answer = await tally.decide(s);
        expect(answer.status).toBe(200);
        expect(answer.allowed).toBe(false);
      }
    }

    // Every poison record is on the dead-letter topic with its reason; the projector never stopped.
    const dlq = await stack.kafkaClient().admin();
    await dlq.connect();
    const offsets = await dlq.fetchTopicOffsets(deadLetterTopicOf(TOPIC));
    await dlq.disconnect();
    expect(offsets.reduce((n, p) => n + Number(p.high), 0)).toBe(poisons.length);
    expect(stack.projectors[0].restarts).toBe(0);
    expect(stack.projectors[0].current.running()).toBe(true);
    const health = (await (await stack.get('/health')).json()) as { status: string; deadLetters: number };
    expect(health.status).toBe('ok');
    await stack.until(
      async () =>
        ((await (await stack.get('/health')).json()) as { deadLetters?: number }).deadLetters ===
        poisons.length,
      10_000,
    );
    await expectPromisesKept(tally, 'poison records');
  }, 240_000);
});
