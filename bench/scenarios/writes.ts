import { decodePositionToken } from '@ledger/contracts';
import { createIdempotentProducer } from '@ledger/kafka';
import { CheckpointStore } from '@ledger/mongo';
import { atFixedRate, goal, summary, throughput } from '../support/measure';
import { authorized, type BenchStack } from '../support/bench-stack';

/** Every consent names the notice shown (policy 2026-11-29, issue 13 finding 1). */
const NOTICE = { id: 'prospecting-notice', version: '2026-01' };

const body = JSON.stringify({
  purpose: 'prospecting',
  channels: ['email'],
  source: { collectionPoint: 'bench', method: 'api' },
  notice: NOTICE,
});

const append = (stack: BenchStack, subjectId: string) =>
  fetch(`${stack.apiUrl}/v1/subjects/${subjectId}/consents`, {
    method: 'POST',
    headers: authorized,
    body,
  }).then(async (response) => {
    if (response.status !== 201) throw new Error(`append answered ${response.status}`);
    return (await response.json()) as { position: string };
  });

/** Appends through the API against the raw idempotent producer (acks=all), registration against appends. */
export async function writes(stack: BenchStack, seconds: number) {
  const producer = createIdempotentProducer(stack.kafka);
  await producer.connect();
  const payload = Buffer.from(body.repeat(8)); // about the size of an encoded event
  // The raw records go to a topic of their own, so the projector never sees them.
  const rawTopic = `${stack.topic}.raw`;
  const rawOwn = (n: number) =>
    producer.send({ topic: rawTopic, acks: -1, messages: [{ key: `raw-${n % 5000}`, value: payload }] });
  const admin = stack.kafka.admin();
  await admin.connect();
  await admin.createTopics({ topics: [{ topic: rawTopic, numPartitions: 6 }] }).catch(() => undefined);
  await admin.disconnect();
  for (let n = 0; n < 200; n++) await rawOwn(n);
  const rawPerSecond = await throughput(32, seconds, rawOwn);
  await producer.disconnect();
  const appendsPerSecond = await throughput(32, seconds, (n) => append(stack, `bench-append-${n % 5000}`));
  const register = (n: number) =>
    fetch(`${stack.apiUrl}/v1/subjects/bench-reg-${n}`, {
      method: 'PUT',
      headers: authorized,
      body: JSON.stringify({
        kind: 'prospect',
        identifiers: { emails: [`reg-${n}@example.fr`] },
        source: { collectionPoint: 'bench', method: 'api' },
        notice: NOTICE,
      }),
    }).then(async (response) => {
      if (response.status !== 200) throw new Error(`registration answered ${response.status}`);
      await response.arrayBuffer();
    });
  const registrationsPerSecond = await throughput(32, seconds, register);
  return {
    results: { connections: 32, rawPerSecond, appendsPerSecond, registrationsPerSecond },
    goals: [
      goal(
        'appends/s over the raw producer (idempotent, acks=all)',
        appendsPerSecond,
        rawPerSecond,
        '>= 0.6',
      ),
      goal(
        'registrations with an email/s over plain appends/s',
        registrationsPerSecond,
        appendsPerSecond,
        '>= 0.5',
      ),
    ],
  };
}

/** Acknowledged → visible at a steady rate, and read-your-writes, with the projector running. */
export async function lag(stack: BenchStack, perSecond: number, seconds: number) {
  await stack.caughtUp();
  const checkpoints = new CheckpointStore(stack.db, stack.topic);
  const acked: Array<{ partition: number; offset: number; at: number }> = [];
  const lags: number[] = [];
  let watching = true;
  // Polls the projector's checkpoints; each ack is visible at the first poll that covers it.
  const watcher = (async () => {
    while (watching || acked.length > 0) {
      const applied = await checkpoints.appliedOffsets();
      const now = performance.now();
      for (let i = acked.length - 1; i >= 0; i--) {
        const { partition, offset, at } = acked[i];
        if ((applied.get(partition) ?? -1) >= offset) {
          lags.push(now - at);
          acked.splice(i, 1);
        }
      }
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  })();
  const load = await atFixedRate(perSecond, seconds, async (n) => {
    const { position } = await append(stack, `bench-lag-${n % 2000}`);
    const decoded = decodePositionToken(position)!;
    acked.push({ partition: decoded.partition, offset: Number(decoded.offset), at: performance.now() });
  });
  watching = false;
  await watcher;
  const visible = summary(lags);
  // Read-your-writes: from the write's acknowledgement to a decision that includes it.
  const readTimes: number[] = [];
  for (let n = 0; n < 300; n++) {
    const { position } = await append(stack, `bench-ryw-${n}`);
    const start = performance.now();
    const response = await fetch(`${stack.apiUrl}/v1/decisions`, {
      method: 'POST',
      headers: authorized,
      body: JSON.stringify({
        subject: { subjectId: `bench-ryw-${n}` },
        purpose: 'prospecting',
        channel: 'email',
        consistentWith: position,
      }),
    });
    const answer = (await response.json()) as { allowed?: boolean };
    readTimes.push(performance.now() - start);
    if (answer.allowed !== true) throw new Error('read-your-writes did not see the write');
  }
  const readYourWrites = summary(readTimes);
  return {
    results: { perSecond, appendsAtRate: load, ackedToVisible: visible, readYourWrites },
    goals: [
      goal(
        `lag p99 (acknowledged → visible) at ${perSecond} events/s over the 500 ms bound`,
        visible.p99Ms,
        500,
        '<= 1',
      ),
    ],
  };
}
