import { useFaultStack, sleep } from './support/fault-stack';
import { expectPromisesKept, Tally } from './support/workload';
/** CI runs a short soak; `npm run bench` runs the long one (FAULT_SOAK_SECONDS=600). */
const SECONDS = Number(process.env.FAULT_SOAK_SECONDS ?? 60);
const WRITES_PER_SECOND = Number(process.env.FAULT_SOAK_RATE ?? 300);
const SUBJECTS = 3000;

describe(`fault 8: a ${SECONDS} s soak at ${WRITES_PER_SECOND} writes/s with decisions and batch filters`, () => {
  const stack = useFaultStack();

  it(
    'never hangs, and leaves no cursor or connection open on the Mongo-wire server',
    async () => {
      const tally = new Tally(stack);
      const before = await stack.ferretGauges();
      const samples: Array<{ at: number; cursors: number; connectionsInUse: number; behind: number }> = [];
      const inFlight = new Set<Promise<unknown>>();
      const track = (p: Promise<unknown>) => {
        inFlight.add(p);
        void p.finally(() => inFlight.delete(p));
      };
      // Each subject: consent, withdrawal, and nothing after; a decision after every tenth write.
      const state = new Map<string, 'none' | 'consented' | 'withdrawn'>();
      let n = 0;
      let batches = 0;
      let batchLines = 0;
      const started = Date.now();
      const interval = 1000 / WRITES_PER_SECOND;
      let next = started;
      let lastBatch = started;
      let lastSample = started;
      while (Date.now() - started < SECONDS * 1000) {
        // 3,000 subjects live at a time; each round of them is consented, then withdrawn, for good.
        const subjectId = `soak-${Math.floor(n / (2 * SUBJECTS))}-${n % SUBJECTS}`;
        const phase = state.get(subjectId) ?? 'none';
        if (phase !== 'withdrawn' && inFlight.size < 256) {
          const kind = phase === 'none' ? 'consent' : 'withdrawal';
          state.set(subjectId, phase === 'none' ? 'consented' : 'withdrawn');
          const writeNumber = n;
          track(
            tally.write(kind, subjectId, `${subjectId}-${kind}`).then(async () => {
              if (writeNumber % 10 === 0) tally.count(`decision-${(await tally.decide(subjectId)).status}`);
            }),
          );
        }
        n++;
        if (Date.now() - lastBatch > 5000) {
          lastBatch = Date.now();
          const lines = Array.from({ length: 500 }, (_, i) =>
            JSON.stringify({ subjectId: `soak-${i}` }),
          ).join('\n');
          track(
            fetch(`${stack.url}/v1/decisions/batch?purpose=prospecting&channel=email`, {
              method: 'POST',
              headers: {
                authorization: `Bearer ${stack.appEnv().LEDGER_ADMIN_KEY}`,
                'content-type': 'application/x-ndjson',
              },
              body: `${lines}\n`,
              signal: AbortSignal.timeout(60_000),
            }).then(async (response) => {
              tally.count(`batch-${response.status}`);
              if (response.status !== 200) return;
              const answers = (await response.text()).trim().split('\n');
              batches++;
              batchLines += answers.length;
            }),
          );
        }
        if (Date.now() - lastSample > 10_000) {
          lastSample = Date.now();
          samples.push({
            at: Math.round((Date.now() - started) / 1000),
            ...(await stack.ferretGauges()),
            behind: await stack.recordsBehind(),
          });
        }
        next += interval;
        const wait = next - Date.now();
        if (wait > 0) await sleep(wait);
      }
      await Promise.all([...inFlight]);
      const elapsed = (Date.now() - started) / 1000;
      await stack.caughtUp();
      await sleep(2000);
      const after = await stack.ferretGauges();
      process.stdout.write(
        `[fault] soak: ${elapsed.toFixed(0)} s, ${(tally.attempted / elapsed).toFixed(0)} writes/s offered, ` +
          `${batches} batch filters (${batchLines} lines); answers ${[...tally.statuses]
            .map(([status, count]) => `${count}× ${status}`)
            .join(', ')}; FerretDB cursors open / SQLite connections in use / records not yet projected: ` +
          `before ${before.cursors}/${before.connectionsInUse}, during ${samples
            .map((s) => `${s.at}s ${s.cursors}/${s.connectionsInUse}/${s.behind}`)
            .join(', ')}, after ${after.cursors}/${after.connectionsInUse}\n`,
      );
      expect(batches).toBeGreaterThan(0);
      // Nothing left open once the load stops: no cursor or connection leaks.
      expect(after.cursors).toBeLessThanOrEqual(before.cursors + 2);
      expect(after.connectionsInUse).toBeLessThanOrEqual(before.connectionsInUse + 2);
      // And the ledger still answers at once.
      const health = await stack.get('/health', 2000);
      expect(health.status).toBe(200);
      await expectPromisesKept(tally, 'soak');
    },
    (SECONDS + 300) * 1000,
  );
});
