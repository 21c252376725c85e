import { createReadStream, createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

/**
 * Records are one line each, `<key>\t<payload>`, where the key holds no tab or newline
 * (callers JSON-encode it). Sorted by key, in plain string order, stable for equal keys.
 */
export type SortRecord = string;

export const keyOf = (record: SortRecord): string => {
  const tab = record.indexOf('\t');
  return tab === -1 ? record : record.slice(0, tab);
};

const byKey = (a: SortRecord, b: SortRecord): number => {
  const ka = keyOf(a);
  const kb = keyOf(b);
  return ka < kb ? -1 : ka > kb ? 1 : 0;
};

/** Records held in memory at once while sorting: the memory bound of a sort. */
export const RUN_RECORDS = 50_000;

async function writeLines(path: string, records: SortRecord[]): Promise<void> {
  const out = createWriteStream(path);
  await writeAll(out, records);
  out.end();
  await once(out, 'finish');
}

/** Writes with back-pressure, so a fast producer never queues more than the stream's buffer. */
export async function writeAll(out: WriteStream, records: Iterable<SortRecord>): Promise<void> {
  for (const record of records) {
    if (!out.write(`${record}\n`)) await once(out, 'drain');
  }
}

function linesOf(path: string): AsyncIterator<string> {
  return createInterface({ input: createReadStream(path), crlfDelay: Infinity })[Symbol.asyncIterator]();
}

/**
 * An external merge sort: runs of RUN_RECORDS sorted in memory and written under `dir`, then
 * merged with a heap, so memory stays flat whatever the input's length. Stable: among equal
 * keys, input order is kept (runs are merged in the order they were written).
 */
export async function* externalSort(
  records: AsyncIterable<SortRecord> | Iterable<SortRecord>,
  dir: string,
  name: string,
  runRecords = RUN_RECORDS,
): AsyncGenerator<SortRecord> {
  const runs: string[] = [];
  let chunk: SortRecord[] = [];
  for await (const record of records) {
    chunk.push(record);
    if (chunk.length >= runRecords) {
      runs.push(join(dir, `${name}.${runs.length}.run`));
      await writeLines(runs[runs.length - 1], chunk.sort(byKey));
      chunk = [];
    }
  }
  chunk.sort(byKey);
  if (runs.length === 0) {
    yield* chunk;
    return;
  }
  if (chunk.length > 0) {
    runs.push(join(dir, `${name}.${runs.length}.run`));
    await writeLines(runs[runs.length - 1], chunk.splice(0)); // the last run leaves memory too
  }
  yield* mergeRuns(runs.map(linesOf));
}

/** A k-way merge of sorted runs; ties go to the earlier run (stability). */
async function* mergeRuns(runs: Array<AsyncIterator<string>>): AsyncGenerator<SortRecord> {
  const heap: Array<{ record: SortRecord; run: number }> = [];
  const less = (a: (typeof heap)[number], b: (typeof heap)[number]) => {
    const order = byKey(a.record, b.record);
    return order < 0 || (order === 0 && a.run < b.run);
  };
  const push = (item: (typeof heap)[number]) => {
    heap.push(item);
    for (let i = heap.length - 1; i > 0;) {
      const parent = (i - 1) >> 1;
      if (!less(heap[i], heap[parent])) break;
      [heap[i], heap[parent]] = [heap[parent], heap[i]];
      i = parent;
    }
  };
  const pop = () => {
    const top = heap[0];
    const last = heap.pop()!;
    if (heap.length > 0) {
      heap[0] = last;
      for (let i = 0; ;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < heap.length && less(heap[l], heap[m])) m = l;
        if (r < heap.length && less(heap[r], heap[m])) m = r;
        if (m === i) break;
        [heap[i], heap[m]] = [heap[m], heap[i]];
        i = m;
      }
    }
    return top;
  };
  for (let run = 0; run < runs.length; run++) {
    const next = await runs[run].next();
    if (!next.done) push({ record: next.value, run });
  }
  try {
    while (heap.length > 0) {
      const { record, run } = pop();
      yield record;
      const next = await runs[run].next();
      if (!next.done) push({ record: next.value, run });
    }
  } finally {
    await Promise.all(runs.map((r) => r.return?.()));
  }
}

/**
 * Joins records sorted by key (many may share a key) with a sorted stream of unique keys:
 * each left record comes with the right record of its key, or undefined.
 */
export async function* mergeJoin(
  left: AsyncIterable<SortRecord>,
  right: AsyncIterable<SortRecord>,
): AsyncGenerator<[SortRecord, SortRecord | undefined]> {
  const rights = right[Symbol.asyncIterator]();
  let current = await rights.next();
  try {
    for await (const record of left) {
      const key = keyOf(record);
      while (!current.done && keyOf(current.value) < key) current = await rights.next();
      yield [record, !current.done && keyOf(current.value) === key ? current.value : undefined];
    }
  } finally {
    await rights.return?.();
  }
}
