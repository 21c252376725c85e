import type { Document } from 'mongodb';
import { goal, round, timed } from '../support/measure';
import { consents, type BenchStack } from '../support/bench-stack';

const PROJECTED = ['subjects', 'subject_history', 'applied_events'];

/**
 * Catch-up of a backlog: the projector stopped while `events` consents are written, then timed
 * until it has applied them all; against a raw unordered bulkWrite of the very documents it wrote
 * (inserts: the backlog's subjects are new, as the projector's own writes of them are).
 */
export async function projection(
  stack: BenchStack,
  from: number,
  events: number,
  log: (line: string) => void,
) {
  await stack.stopProjector();
  const before = await Promise.all(PROJECTED.map((name) => stack.db.collection(name).countDocuments()));
  log(`writing a backlog of ${events.toLocaleString('en')} events`);
  await stack.produce(
    consents(from, from + events),
    (n) => n % 100_000 === 0 && log(`  ${n.toLocaleString('en')}`),
  );
  log('projecting the backlog');
  const { seconds: projectorSeconds } = await timed(async () => {
    await stack.startProjector();
    await stack.caughtUp();
  });
  // The baseline: the same documents (the backlog's share of each collection), raw bulkWrite.
  let rawSeconds = 0;
  let documents = 0;
  for (const [index, name] of PROJECTED.entries()) {
    const target = stack.db.collection(`raw_${name}`);
    await target.drop().catch(() => undefined);
    let batch: Document[] = [];
    const insert = async () => {
      const operations = batch.map((document) => ({ insertOne: { document } }));
      const { seconds } = await timed(() => target.bulkWrite(operations, { ordered: false }));
      rawSeconds += seconds;
      documents += batch.length;
      batch = [];
    };
    for await (const document of stack.db
      .collection(name)
      .find({}, { batchSize: 1000 })
      .skip(before[index])) {
      batch.push(document);
      if (batch.length >= 1000) await insert();
    }
    if (batch.length > 0) await insert();
    await target.drop();
  }
  const perSecond = events / projectorSeconds;
  const rawEventsPerSecond = events / rawSeconds;
  return {
    results: {
      events,
      projectorSeconds,
      projectorEventsPerSecond: Math.round(perSecond),
      rawBulkWriteSeconds: round(rawSeconds, 1),
      rawDocuments: documents,
      rawEventsPerSecond: Math.round(rawEventsPerSecond),
    },
    goals: [
      goal(
        'projection catch-up events/s over raw bulkWrite of its documents',
        perSecond,
        rawEventsPerSecond,
        '>= 0.7',
      ),
    ],
  };
}
