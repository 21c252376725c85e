import { BSON } from 'mongodb';
import { atFixedRate, goal, sequential, throughput, type Goal } from '../support/measure';
import { authorized, longHistory, type BenchStack } from '../support/bench-stack';

const decideOn = (stack: BenchStack, subjectId: string) =>
  fetch(`${stack.apiUrl}/v1/decisions`, {
    method: 'POST',
    headers: authorized,
    body: JSON.stringify({ subject: { subjectId }, purpose: 'prospecting', channel: 'email' }),
  }).then(async (response) => {
    if (response.status !== 200) throw new Error(`decision answered ${response.status}`);
    await response.arrayBuffer();
  });

/** Decisions against the raw driver's point read of the same documents, on the same server. */
export async function decisions(stack: BenchStack, subjects: number, seconds: number) {
  const collection = stack.db.collection<{ _id: string }>('subjects');
  const raw = (n: number) => collection.findOne({ _id: `bench-${(n * 7919) % subjects}` });
  const ledger = (n: number) => decideOn(stack, `bench-${(n * 7919) % subjects}`);
  for (let n = 0; n < 300; n++) await Promise.all([raw(n), ledger(n)]); // warm both paths
  const rawPerSecond = await throughput(32, seconds, raw);
  const ledgerPerSecond = await throughput(32, seconds, ledger);
  const rawAt500 = await atFixedRate(500, seconds, raw);
  const ledgerAt500 = await atFixedRate(500, seconds, ledger);
  const goals: Goal[] = [
    goal('decisions/s at 32 connections over raw findOne/s', ledgerPerSecond, rawPerSecond, '>= 0.85'),
    goal('decision p99 at 500/s over the 15 ms bound', ledgerAt500.p99Ms, 15, '<= 1'),
  ];
  return {
    results: { subjects, rawPerSecond, ledgerPerSecond, rawAt500, ledgerAt500 },
    goals,
  };
}

/** Decision latency at the current number of subjects (the 10^4 / 10^5 / 10^6 series). */
export async function decisionLatencyAt(stack: BenchStack, subjects: number, count = 500) {
  const collection = stack.db.collection<{ _id: string }>('subjects');
  const raw = await sequential(count, (n) => collection.findOne({ _id: `bench-${(n * 7919) % subjects}` }));
  const ledger = await sequential(count, (n) => decideOn(stack, `bench-${(n * 7919) % subjects}`));
  return { subjects, raw, ledger };
}

/** Subjects with 10, 1,000, 10,000 events: a decision's cost must not grow with the history. */
export async function historyLengths(stack: BenchStack, lengths: number[]) {
  for (const length of lengths) await stack.produce(longHistory(`bench-history-${length}`, length));
  await stack.caughtUp();
  const collection = stack.db.collection<{ _id: string }>('subjects');
  const byLength = [];
  for (const length of lengths) {
    const subjectId = `bench-history-${length}`;
    for (let n = 0; n < 50; n++) await decideOn(stack, subjectId);
    const latency = await sequential(300, () => decideOn(stack, subjectId));
    const document = await collection.findOne({ _id: subjectId });
    byLength.push({
      events: length,
      documentBytes: document ? BSON.calculateObjectSize(document) : -1,
      ...latency,
    });
  }
  const [shortest, longest] = [byLength[0], byLength[byLength.length - 1]];
  return {
    results: byLength,
    goals: [
      goal(
        `decision p50, ${longest.events}-event subject over ${shortest.events}-event subject`,
        longest.p50Ms,
        shortest.p50Ms,
        '<= 1.5',
      ),
    ],
  };
}
