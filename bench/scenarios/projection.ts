import type { Document } from 'mongodb';
import { goal, round, timed } from '../support/measure';
import { consents, updates, type BenchStack } from '../support/bench-stack';

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

/**
 * Catch-up of a backlog of updates to existing subjects (issue 27): the projector stopped while
 * one withdrawal about each of `subjects` known subjects is written, then timed until applied;
 * against the raw driver's unordered bulkWrite of the same documents: each subject record
 * replaced (as stored once caught up: one event a subject, so the projector too replaces each
 * once), and the history slots and applied-event claims inserted.
 */
export async function projectionOfUpdates(stack: BenchStack, subjects: number, log: (line: string) => void) {
  const events = subjects;
  await stack.caughtUp();
  await stack.stopProjector();
  const before = await Promise.all(PROJECTED.map((name) => stack.db.collection(name).countDocuments()));
  log(
    `writing a backlog of ${events.toLocaleString('en')} updates to ${subjects.toLocaleString('en')} subjects`,
  );
  await stack.produce(updates(subjects, events));
  log('projecting the backlog');
  const { seconds: projectorSeconds } = await timed(async () => {
    await stack.startProjector();
    await stack.caughtUp();
  });
  const raw = stack.db.collection<Document>('raw_updated_subjects');
  await raw.drop().catch(() => undefined);
  const ids = Array.from({ length: subjects }, (_, i) => `bench-${i}`);
  const records = new Map<string, Document>();
  for (let i = 0; i < ids.length; i += 1000)
    for (const doc of await stack.db
      .collection<Document>('subjects')
      .find({ _id: { $in: ids.slice(i, i + 1000) } } as Document)
      .toArray())
      records.set(String(doc._id), doc);
  await raw.insertMany([...records.values()]);
  let rawSeconds = 0;
  for (let n = 0; n < events; n += 1000) {
    const operations = Array.from({ length: Math.min(1000, events - n) }, (_, k) => {
      const { _id, ...replacement } = records.get(`bench-${(n + k) % subjects}`)!;
      return { replaceOne: { filter: { _id }, replacement } };
    });
    rawSeconds += (await timed(() => raw.bulkWrite(operations, { ordered: false }))).seconds;
  }
  await raw.drop();
  // The history slots and claims the backlog added: inserted, as the projector inserts them.
  for (const [index, name] of PROJECTED.entries()) {
    if (name === 'subjects') continue;
    const target = stack.db.collection(`raw_${name}`);
    await target.drop().catch(() => undefined);
    let batch: Document[] = [];
    const insert = async () => {
      rawSeconds += (await timed(() => target.insertMany(batch, { ordered: false }))).seconds;
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
      subjects,
      projectorSeconds,
      projectorEventsPerSecond: Math.round(perSecond),
      rawBulkWriteSeconds: round(rawSeconds, 1),
      rawEventsPerSecond: Math.round(rawEventsPerSecond),
    },
    goals: [
      goal(
        'projection of updates to existing subjects, events/s over the 1,500/s bound',
        perSecond,
        1500,
        '>= 1',
      ),
      goal(
        'projection of updates to existing subjects, events/s over raw bulkWrite of its documents',
        perSecond,
        rawEventsPerSecond,
        '>= 0.7',
      ),
    ],
  };
}
