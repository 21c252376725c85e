import { useFaultStack, sleep } from './support/fault-stack';
import { expectPromisesKept, Tally } from './support/workload';

describe('fault 6: the API is killed (SIGKILL) during requests carrying Idempotency-Key', () => {
  const stack = useFaultStack();

  it('retried after the restart, each key leaves one event', async () => {
    const tally = new Tally(stack);
    const pending: Array<{ kind: 'consent' | 'withdrawal'; subjectId: string; key: string }> = [];
    let running = true;
    let n = 0;
    const worker = async (w: number) => {
      while (running) {
        const subjectId = `api-${w}-${n++}`;
        for (const kind of ['consent', 'withdrawal'] as const) {
          const key = `${subjectId}-${kind}`;
          const result = await tally.write(kind, subjectId, key);
          if (!tally.acknowledged.has(key)) {
            pending.push({ kind, subjectId, key });
            if (result.status === 'no-answer') await sleep(200); // the API is restarting
            break;
          }
        }
      }
    };
    const load = Promise.all([0, 1, 2, 3, 4, 5].map(worker));
    for (let kill = 0; kill < 3; kill++) {
      await sleep(3000);
      const restarts = stack.api!.restarts;
      stack.kill9(stack.api!.current);
      await stack.restarted(stack.api!, restarts);
      await stack.until(
        async () => (await stack.get('/health').catch(() => undefined)) !== undefined,
        60_000,
      );
    }
    await sleep(2000);
    running = false;
    await load;
    expect(pending.length).toBeGreaterThan(0);
    await tally.retryUnacknowledged(pending);
    await stack.caughtUp();
    await expectPromisesKept(tally, 'API kill -9 during keyed requests');
  }, 300_000);
});
