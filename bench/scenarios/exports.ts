import { goal, round, timed } from '../support/measure';
import { ADMIN_KEY, longHistory, type BenchStack } from '../support/bench-stack';

/**
 * Access and portability exports (issue 14): a subject's whole bundle streamed by the API, a
 * page of history at a time. Memory: the API's peak resident set after exporting the longest
 * history, against after the shortest (a fresh process; flat if the export streams). Speed:
 * events a second against the raw driver reading the same history documents.
 * Peak RSS is a high-water mark: it also counts garbage V8 has not collected yet.
 */
export async function subjectExports(stack: BenchStack, lengths: number[]) {
  // The baseline is a history long enough to warm everything the export uses (a 10-event one
  // measures the process's warm-up, not the export), a tenth of the longest.
  const [shortest, longest] = [lengths[lengths.length - 2], lengths[lengths.length - 1]];
  const exportOf = async (length: number) => {
    const response = await fetch(`${stack.apiUrl}/v1/subjects/bench-history-${length}/export`, {
      headers: { authorization: `Bearer ${ADMIN_KEY}` },
    });
    if (response.status !== 200)
      throw new Error(`export answered ${response.status}: ${await response.text()}`);
    let bytes = 0;
    for await (const chunk of response.body as AsyncIterable<Uint8Array>) bytes += chunk.length;
    return bytes;
  };
  // The histories of the decisions scenario; seeded here when it did not run (BENCH_ONLY=exports).
  for (const length of [shortest, longest]) {
    const seeded = await stack.db.collection('subjects').findOne({ _id: `bench-history-${length}` as never });
    if (!seeded) await stack.produce(longHistory(`bench-history-${length}`, length));
  }
  await stack.caughtUp();
  await stack.stopApi(); // a fresh API process: its peak RSS is the exports'
  await stack.startApi();
  for (let n = 0; n < 5; n++) await exportOf(shortest);
  const afterShortest = stack.apiPeakRssMiB();
  const { seconds: ledgerSeconds, result: bytes } = await timed(() => exportOf(longest));
  for (let n = 0; n < 4; n++) await exportOf(longest);
  const afterLongest = stack.apiPeakRssMiB();
  const { seconds: rawSeconds } = await timed(async () => {
    let read = 0;
    for await (const document of stack.db
      .collection('subject_history')
      .find({ subjectId: `bench-history-${longest}` }, { batchSize: 200 })) {
      if (document) read++;
    }
    return read;
  });
  return {
    results: {
      shortestEvents: shortest,
      longestEvents: longest,
      longestBytes: bytes,
      apiPeakRssMiBAfterShortest: round(afterShortest, 0),
      apiPeakRssMiBAfterLongest: round(afterLongest, 0),
      ledgerEventsPerSecond: Math.round(longest / ledgerSeconds),
      rawEventsPerSecond: Math.round(longest / rawSeconds),
    },
    goals: [
      goal(
        `export peak RSS, ${longest}-event subject over ${shortest}-event subject`,
        afterLongest,
        afterShortest,
        '<= 1.1',
      ),
      goal(
        `export events/s of a ${longest}-event subject over the raw driver reading its history`,
        longest / ledgerSeconds,
        longest / rawSeconds,
        '>= 0.1',
      ),
    ],
  };
}
