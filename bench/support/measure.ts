/** Timing helpers: every figure is compared with a baseline measured the same way, in the same run. */

export const percentile = (sorted: number[], p: number): number =>
  sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))];

export const round = (value: number, digits = 2): number => Number(value.toFixed(digits));

export function summary(times: number[]): { p50Ms: number; p99Ms: number; count: number } {
  const sorted = [...times].sort((a, b) => a - b);
  return {
    p50Ms: round(percentile(sorted, 0.5)),
    p99Ms: round(percentile(sorted, 0.99)),
    count: times.length,
  };
}

const nowMs = () => Number(process.hrtime.bigint()) / 1e6;

/** Closed loop: `connections` callers, each calling again as soon as answered, for `seconds`. */
export async function throughput(
  connections: number,
  seconds: number,
  call: (n: number) => Promise<unknown>,
): Promise<number> {
  let done = 0;
  let next = 0;
  const until = Date.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (Date.now() < until) {
        await call(next++);
        done++;
      }
    }),
  );
  return Math.round(done / seconds);
}

/**
 * Open loop at a fixed rate: each call starts on its schedule whether or not earlier ones have
 * answered, and its latency counts from its scheduled start (no coordinated omission).
 */
export async function atFixedRate(
  perSecond: number,
  seconds: number,
  call: (n: number) => Promise<unknown>,
): Promise<{ p50Ms: number; p99Ms: number; count: number; failed: number }> {
  const total = Math.round(perSecond * seconds);
  const start = nowMs();
  const times: number[] = [];
  let failed = 0;
  const inFlight: Array<Promise<void>> = [];
  for (let n = 0; n < total; n++) {
    const scheduled = start + (n * 1000) / perSecond;
    const wait = scheduled - nowMs();
    if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
    inFlight.push(
      call(n).then(
        () => void times.push(nowMs() - scheduled),
        () => void failed++,
      ),
    );
  }
  await Promise.all(inFlight);
  return { ...summary(times), failed };
}

/** Sequential calls: latency without queueing. */
export async function sequential(count: number, call: (n: number) => Promise<unknown>) {
  const times: number[] = [];
  for (let n = 0; n < count; n++) {
    const start = nowMs();
    await call(n);
    times.push(nowMs() - start);
  }
  return summary(times);
}

export async function timed<T>(work: () => Promise<T>): Promise<{ seconds: number; result: T }> {
  const start = nowMs();
  const result = await work();
  return { seconds: round((nowMs() - start) / 1000, 3), result };
}

export interface Goal {
  name: string;
  figure: number;
  baseline: number;
  ratio: number;
  target: string;
  met: boolean;
}

/** A goal stated as figure/baseline against a bound ("≥ 0.85" or "≤ 1.5"), or an absolute bound. */
export function goal(name: string, figure: number, baseline: number, target: string): Goal {
  const ratio = round(baseline === 0 ? NaN : figure / baseline);
  const [, op, bound] = /^(>=|<=)\s*([\d.]+)$/.exec(target) ?? [];
  const met = op === '>=' ? ratio >= Number(bound) : ratio <= Number(bound);
  return { name, figure: round(figure), baseline: round(baseline), ratio, target, met };
}
