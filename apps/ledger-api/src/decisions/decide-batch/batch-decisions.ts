import type { BatchQuery } from './batch-lines';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { Logger } from '@nestjs/common';
import type { BatchStrategySetting } from '@ledger/config';
import { LedgerError } from '@ledger/domain';
import { problemTypeOf } from '../../http/problem-details';
import { failureForLog } from '../../read-side/failure-for-log';
import type { MarkWait, SubjectReader } from '../../read-side/subject-reader';
import { parseLine, type BatchAnswer } from './batch-lines';
import { boundedLines, type UploadBounds } from './bounded-lines';
import { chooseStrategy, type BatchStrategy } from './batch-plan';
import { InputSpool } from './input-spool';
import { hashJoin } from './join/hash-join';
import { scanJoin } from './join/scan-join';
import { keyedReads } from './keyed-reads';

export type { BatchAnswer } from './batch-lines';

/** A request's temporary files hold the list (emails, phones): named by the process that owns them. */
const SPOOL_PREFIX = 'ledger-batch-';

/**
 * Removes the temporary files of API processes that died mid-batch (SIGKILL skips `finally`),
 * so no list of personal data outlives its request by more than a restart.
 */
export async function removeOrphanedBatchFiles(): Promise<void> {
  for (const name of await readdir(tmpdir()).catch(() => [] as string[])) {
    const pid = Number(name.slice(SPOOL_PREFIX.length).split('-')[0]);
    if (!name.startsWith(SPOOL_PREFIX) || !Number.isInteger(pid) || isAlive(pid)) continue;
    await rm(join(tmpdir(), name), { recursive: true, force: true }).catch(() => undefined);
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

const logger = new Logger('DecideBatch');

/** Called once the list is read, with the way it will be answered. */
export type OnPlan = (plan: { strategy: BatchStrategy; lines: number }) => void;

/** A list read whole and spooled, ready to be answered; its files go when it is answered or dropped. */
export interface BatchList {
  spool: InputSpool;
  dir: string;
  release(): Promise<void>;
}

/**
 * Reads the streamed list under its bounds (see boundedLines) before anything is answered, so
 * a list that breaks one is refused with a problem (413, 408) instead of a half-written answer.
 */
export async function readBatchList(
  input: Readable,
  reader: SubjectReader,
  bounds: UploadBounds,
): Promise<BatchList> {
  const dir = await mkdtemp(join(tmpdir(), `${SPOOL_PREFIX}${process.pid}-`));
  const release = () => rm(dir, { recursive: true, force: true });
  try {
    const spool = new InputSpool(dir);
    let lineNumber = 0;
    for await (const text of boundedLines(input, bounds)) {
      lineNumber++;
      if (text.trim() !== '') await spool.push(parseLine(reader, lineNumber, text.trim()));
    }
    await spool.end();
    return { spool, dir, release };
  } catch (error) {
    await release();
    throw error;
  }
}

/**
 * NDJSON out, in input order: answered by per-line lookups or, for a list long against the
 * ledger, by a join with scans: in memory when the ledger is small enough to hold, else sorted
 * on disk. Memory never grows with the list; the list's files go with the answer.
 */
export async function* decideBatch(
  list: BatchList,
  reader: SubjectReader,
  query: BatchQuery,
  setting: BatchStrategySetting = 'auto',
  onPlan: OnPlan = () => undefined,
  wait: MarkWait = { marks: true },
): AsyncGenerator<string> {
  const { spool, dir } = list;
  try {
    const strategy = setting !== 'auto' ? setting : await choose(spool, reader);
    onPlan({ strategy, lines: spool.lines });
    // A scan answers every line from one read: every pending restrictive write is waited for first.
    const pending = strategy !== 'keyed' && wait.marks ? await reader.settleAllMarks() : new Map();
    const answers: AsyncIterable<BatchAnswer> =
      strategy === 'join'
        ? scanJoin(spool, reader, query, dir, pending)
        : strategy === 'hash'
          ? hashJoin(spool, reader, query, pending)
          : keyedReads(spool.read(), reader, query, wait);
    for await (const answer of answers) yield `${JSON.stringify(answer)}\n`;
  } catch (error) {
    // Fail closed: say why the answers stop, and answer nothing more; the operator sees why.
    if (error instanceof LedgerError) logger.warn(`batch stopped: ${error.message}`);
    else logger.error(`batch failed: ${failureForLog(error, true)}`);
    const detail = error instanceof LedgerError ? error.message : 'internal error';
    yield `${JSON.stringify({ error: { type: problemTypeOf('read_side_unavailable'), detail } })}\n`;
  } finally {
    await list.release();
  }
}

async function choose(spool: InputSpool, reader: SubjectReader): Promise<BatchStrategy> {
  // A list too short to ever be worth a scan never asks the ledger's size.
  if (spool.subjectRefs + spool.identifierRefs < 1000) return 'keyed';
  const [ledger, inIndexed] = await Promise.all([reader.sizes(), reader.inServedByIndex()]);
  return chooseStrategy(spool, ledger, inIndexed === true);
}
