import { useFaultStack, sleep } from './support/fault-stack';
import { expectPromisesKept, Tally } from './support/workload';
/** MONGODB_TIMEOUT_MS (5 s) plus the time to ask and answer. */
const READ_BOUND_MS = 7000;

describe('fault 5: the Mongo-wire server dies or freezes', () => {
  const stack = useFaultStack();

  async function scenario(name: string, stop: () => void, resume: () => Promise<void>) {
    const tally = new Tally(stack);
    const subjects = Array.from({ length: 8 }, (_, i) => `${name}-${i}`);
    for (const s of subjects) expect((await tally.write('consent', s, `${s}-c`)).status).toBe(201);
    await stack.caughtUp();

    stop();
    await sleep(1000);
    const pending: Array<{ kind: 'withdrawal'; subjectId: string; key: string }> = [];
    for (const s of subjects) {
      const result = await tally.write('withdrawal', s, `${s}-w`);
      // Idempotency needs the database: unavailable, said so, within the bound.
      expect(result.status).toBe(503);
      expect(result.ms).toBeLessThan(12_000);
      pending.push({ kind: 'withdrawal', subjectId: s, key: `${s}-w` });
      const answer = await tally.decide(s);
      expect(answer.status).toBe(503);
      expect(answer.ms).toBeLessThan(READ_BOUND_MS);
    }
    const started = Date.now();
    const health = await stack.get('/health', 5000);
    expect(Date.now() - started).toBeLessThan(2000);
    expect(health.status).toBe(503);
    expect(((await health.json()) as { checks: { mongo: { status: string } } }).checks.mongo.status).toBe(
      'down',
    );

    await resume();
    await tally.retryUnacknowledged(pending);
    await stack.caughtUp();
    for (const s of subjects) {
      const answer = await tally.decide(s);
      expect(answer.status).toBe(200);
      expect(answer.allowed).toBe(false);
    }
    await expectPromisesKept(tally, `mongo-wire server ${name}`);
  }

  it('killed (SIGKILL) and restarted: reads and writes answer 503 within the bound; the projector resumes', async () => {
    await scenario(
      'killed',
      () => stack.kill9(stack.ferret.process),
      () => stack.restartFerret(),
    );
  }, 300_000);

  it('frozen (SIGSTOP) for 30 s: the same, then everything resumes without loss', async () => {
    await scenario(
      'frozen',
      () => stack.freeze(stack.ferret.process),
      async () => {
        await sleep(15_000);
        stack.thaw(stack.ferret.process);
      },
    );
  }, 300_000);
});
