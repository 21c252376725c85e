import type { Db } from 'mongodb';
import type { Kafka } from 'kafkajs';
import {
  checkpointProblem,
  decodeRecord,
  entryDigest,
  LogReplay,
  type SubjectTrace,
  type EventVerifier,
  type SignedCheckpoint,
} from '@ledger/contracts';
import { caughtUp, type LogPosition, type PartitionMark } from '@ledger/domain';
import { checkpointTopicOf, headersOf, lastOffsets, readTopicToEnd } from '@ledger/kafka';
import {
  openReadModels,
  ReadModelGenerationStore,
  readModelNames,
  ReadModelScan,
  SignedCheckpointStore,
} from '@ledger/mongo';

/** One place where what the read models or a checkpoint say differs from what the log says. */
export interface Divergence {
  /** What differs, named so an operator can find it: a subject, a history slot, a checkpoint. */
  where: string;
  what: string;
}

export interface VerifyReport {
  topic: string;
  /** Undefined when only the log was verified (--log-only). */
  generation: string | undefined;
  /** The last offset read per partition (the log as it stood when verify began). */
  upTo: Record<string, number>;
  records: number;
  subjects: number;
  /** Records the projector must have dead-lettered: not signed by the ledger, forged, refused. */
  notProjected: Array<{ position: string; reason: string }>;
  checkpoints: { signed: number; checked: number; beyondRead: number };
  readModels: { subjects: number; historyEntries: number; newerThanRead: number } | undefined;
  divergences: Divergence[];
  /** Divergences found beyond those listed (the list is capped). */
  moreDivergences: number;
}

export class VerifyNotReady extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'VerifyNotReady';
  }
}

export interface VerifyOptions {
  kafka: Kafka;
  /** Absent: the log alone (signatures, chains, the checkpoints topic), no read model compared. */
  db?: Db;
  topic: string;
  verifier: EventVerifier;
  /** How long to wait for the read models to apply the log as it stood (default 60 s). */
  catchUpTimeoutMs?: number;
  onProgress?: (records: number, total: number) => void;
}

const MAX_LISTED = 1000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * `ledger verify`: re-reads the events topic from the start (signatures checked with the public
 * keys only), recomputes every subject's hash chain and every partition's running digest, and
 * holds them against the signed checkpoints, the projector's marks, the subject records and the
 * history. The log is the truth: anything else that differs from it is a divergence.
 */
export async function verifyLedger(options: VerifyOptions): Promise<VerifyReport> {
  const { kafka, db, topic, verifier } = options;
  const divergences: Divergence[] = [];
  let moreDivergences = 0;
  const diverge = (where: string, what: string) => {
    if (divergences.length < MAX_LISTED) divergences.push({ where, what });
    else moreDivergences++;
  };

  const ends = await lastOffsets(kafka, topic);
  const generation = db === undefined ? undefined : await new ReadModelGenerationStore(db).active();
  const models =
    db === undefined || generation === undefined ? undefined : openReadModels(db, topic, generation);
  if (models) await waitForReadModels(options, ends, () => models.checkpoints.appliedOffsets());

  // Checkpoints first: the replay captures the partition digest at each offset they name.
  const replay = new LogReplay();
  const signed = await signedCheckpoints(kafka, db, topic);
  let beyondRead = 0;
  const trusted: SignedCheckpoint[] = [];
  for (const { source, checkpoint } of signed) {
    const where = `signed checkpoint ${checkpoint.partition}:${checkpoint.offset} (${source})`;
    const problem = checkpointProblem(verifier, checkpoint);
    if (problem !== undefined) diverge(where, `not trustworthy: ${problem}`);
    else if (checkpoint.offset > (ends.get(checkpoint.partition) ?? -1)) beyondRead++;
    else trusted.push(checkpoint);
  }
  const marks = models ? await models.checkpoints.marks() : new Map<number, PartitionMark>();
  for (const checkpoint of trusted) replay.want(checkpoint.partition, [checkpoint.offset]);
  for (const [partition, mark] of marks)
    if (mark.digest !== undefined && mark.appliedOffset <= (ends.get(partition) ?? -1))
      replay.want(partition, [mark.appliedOffset]);

  const total = [...ends.values()].reduce((sum, offset) => sum + offset + 1, 0);
  await readTopicToEnd(
    kafka,
    topic,
    (partition, messages) => {
      for (const message of messages) {
        const position: LogPosition = { partition, offset: message.offset };
        try {
          const decoded = decodeRecord(
            { key: message.key?.toString() ?? null, value: message.value, headers: headersOf(message) },
            { verifier },
          );
          replay.apply({ position, ...decoded });
        } catch (error) {
          replay.apply({ position, problem: error instanceof Error ? error.message : String(error) });
        }
      }
      options.onProgress?.(replay.records, total);
    },
    { ends, groupPrefix: 'ledger-verify' },
  );
  for (const [partition, end] of ends) replay.finish(partition, end);

  for (const checkpoint of trusted) {
    const found = replay.digestAt.get(`${checkpoint.partition}:${checkpoint.offset}`);
    if (found !== checkpoint.digest)
      diverge(
        `signed checkpoint ${checkpoint.partition}:${checkpoint.offset}`,
        `the log up to offset ${checkpoint.offset} digests to ${found ?? 'nothing'}, the ledger signed ${checkpoint.digest}`,
      );
  }
  for (const [partition, mark] of marks) {
    const where = `checkpoint mark of partition ${partition} (${readModelNames(generation ?? '').checkpoints})`;
    if (mark.digest === undefined) {
      diverge(where, 'carries no digest: projected before digests were kept (rebuild the read models)');
    } else if (mark.appliedOffset <= (ends.get(partition) ?? -1)) {
      const found = replay.digestAt.get(`${partition}:${mark.appliedOffset}`);
      if (found !== mark.digest)
        diverge(where, `digest at offset ${mark.appliedOffset} differs from the log's (${found ?? 'none'})`);
    }
  }

  const readModels =
    db === undefined || generation === undefined
      ? undefined
      : await compareReadModels(new ReadModelScan(db, generation), replay, ends, diverge);
  return {
    topic,
    generation,
    upTo: Object.fromEntries([...ends].map(([partition, offset]) => [String(partition), offset])),
    records: replay.records,
    subjects: replay.subjects.size,
    notProjected: replay.rejected.map(({ position, reason }) => ({
      position: `${position.partition}:${position.offset}`,
      reason,
    })),
    checkpoints: { signed: signed.length, checked: trusted.length, beyondRead },
    readModels,
    divergences,
    moreDivergences,
  };
}

async function waitForReadModels(
  options: VerifyOptions,
  ends: Map<number, number>,
  applied: () => Promise<Map<number, number>>,
): Promise<void> {
  const deadline = Date.now() + (options.catchUpTimeoutMs ?? 60_000);
  for (;;) {
    const offsets = await applied();
    if (caughtUp(offsets, ends)) return;
    if (Date.now() > deadline) {
      const behind = [...ends]
        .filter(([partition, end]) => (offsets.get(partition) ?? -1) < end)
        .map(([partition, end]) => `partition ${partition} at ${offsets.get(partition) ?? -1} of ${end}`);
      throw new VerifyNotReady(
        `the read models have not applied the log yet (${behind.join(', ')}): is the projector running?`,
      );
    }
    await sleep(500);
  }
}

/** The signed checkpoints the ledger kept, from Mongo and from the checkpoints topic; both copies must agree. */
async function signedCheckpoints(
  kafka: Kafka,
  db: Db | undefined,
  topic: string,
): Promise<Array<{ source: string; checkpoint: SignedCheckpoint }>> {
  const found: Array<{ source: string; checkpoint: SignedCheckpoint }> = db
    ? (await new SignedCheckpointStore(db).all(topic)).map(({ _id: _id, ...checkpoint }) => ({
        source: 'database',
        checkpoint,
      }))
    : [];
  const admin = kafka.admin();
  await admin.connect();
  const topics = await admin.listTopics().finally(() => admin.disconnect());
  const checkpointTopic = checkpointTopicOf(topic);
  if (topics.includes(checkpointTopic)) {
    await readTopicToEnd(
      kafka,
      checkpointTopic,
      (_partition, messages) => {
        for (const message of messages) {
          try {
            const checkpoint = JSON.parse(message.value?.toString('utf8') ?? '') as SignedCheckpoint;
            found.push({ source: `${checkpointTopic} offset ${message.offset}`, checkpoint });
          } catch {
            found.push({
              source: `${checkpointTopic} offset ${message.offset}`,
              checkpoint: { jws: '' } as SignedCheckpoint,
            });
          }
        }
      },
      { groupPrefix: 'ledger-verify' },
    );
  }
  return found;
}

/** Every subject record and history slot against what the replay says they must be. */
async function compareReadModels(
  scan: ReadModelScan,
  replay: LogReplay,
  ends: Map<number, number>,
  diverge: (where: string, what: string) => void,
): Promise<VerifyReport['readModels']> {
  let subjects = 0;
  let historyEntries = 0;
  let newerThanRead = 0;
  const newer = (position: LogPosition | undefined) =>
    position !== undefined && Number(position.offset) > (ends.get(position.partition) ?? -1);
  const recorded = new Set<string>();
  for await (const record of scan.subjects()) {
    subjects++;
    const trace: SubjectTrace | undefined = replay.subjects.get(record.subjectId);
    const partition = trace?.partition ?? record.retained[0]?.position.partition;
    if (partition !== undefined && (record.appliedOffset ?? -1) > (ends.get(partition) ?? -1)) {
      newerThanRead++; // changed after verify read the log: checked next time
      recorded.add(record.subjectId);
      continue;
    }
    const where = `subject ${record.subjectId}`;
    recorded.add(record.subjectId);
    if (trace === undefined) {
      diverge(where, 'is in the read model, but no event of the log is theirs');
      continue;
    }
    if (record.eventCount !== trace.count)
      diverge(where, `counts ${record.eventCount} events, the log gives ${trace.count}`);
    else if (record.chainHead !== trace.head)
      diverge(
        where,
        `chain head ${record.chainHead ?? '(none)'} differs from the log's ${trace.head ?? '(none)'}`,
      );
    if ((record.erasedAt ?? null) !== (trace.erasedAt ?? null))
      diverge(
        where,
        `erasedAt ${record.erasedAt ?? '(none)'}, the log says ${trace.erasedAt ?? 'not erased'}`,
      );
    for (const entry of record.retained) {
      if (entry.seq === undefined) continue;
      if (entryDigest(entry) !== trace.entries[entry.seq])
        diverge(
          `${where}, retained event ${entry.id} (seq ${entry.seq})`,
          'differs from the event in the log',
        );
    }
  }
  for (const [subjectId, trace] of replay.subjects)
    if (!recorded.has(subjectId))
      diverge(`subject ${subjectId}`, `has ${trace.count} events in the log and no record in the read model`);

  const held = new Map<string, number>();
  for await (const { id, subjectId, entry } of scan.history()) {
    historyEntries++;
    if (newer(entry.position)) {
      newerThanRead++;
      continue;
    }
    const trace = replay.subjects.get(subjectId);
    const where = `history entry ${id} (event ${entry.id})`;
    if (trace === undefined || entry.seq === undefined || entry.seq >= trace.count) {
      diverge(where, 'is not an event the log gives this subject');
      continue;
    }
    held.set(subjectId, (held.get(subjectId) ?? 0) + 1);
    if (entryDigest(entry) !== trace.entries[entry.seq]) diverge(where, 'differs from the event in the log');
  }
  for (const [subjectId, trace] of replay.subjects) {
    const count = held.get(subjectId) ?? 0;
    if (count < trace.count)
      diverge(`history of subject ${subjectId}`, `holds ${count} of the ${trace.count} events the log gives`);
  }
  return { subjects, historyEntries, newerThanRead };
}
