import { useFaultStack } from './support/fault-stack';
import { expectPromisesKept, Tally } from './support/workload';

describe('fault 2: the projector stops while consents and withdrawals continue', () => {
  const stack = useFaultStack();

  async function scenario(name: string, stop: () => void, resume: () => Promise<void>) {
    const tally = new Tally(stack);
    const subjects = Array.from({ length: 10 }, (_, i) => `${name}-${i}`);
    for (const s of subjects) expect((await tally.write('consent', s, `${s}-c`)).status).toBe(201);
    // A consent is not restrictive: asked at full consistency, it is seen as soon as it is acknowledged.
    for (const s of subjects)
      expect((await tally.decide(s, 30_000, { consistency: 'full' })).allowed).toBe(true);

    stop();
    // Writes go on: the log takes them, the read side cannot.
    for (const s of subjects) expect((await tally.write('withdrawal', s, `${s}-w`)).status).toBe(201);
    for (const s of subjects.slice(0, 3)) {
      const answer = await tally.decide(s);
      expect(answer.status).toBe(503);
      expect(answer.problemType).toBe('urn:consent-ledger:problem:read-side-lagging');
      // Within the lag bound (2 s) plus the time to ask.
      expect(answer.ms).toBeLessThan(4000);
    }
    const started = Date.now();
    const health = await stack.get('/health');
    expect(Date.now() - started).toBeLessThan(2000);
    expect(health.status).toBe(503);
    expect(health.headers.get('retry-after')).toBe('1');

    await resume();
    await stack.until(async () => (await tally.decide(subjects[0])).status === 200, 60_000);
    for (const s of subjects) {
      const answer = await tally.decide(s);
      expect(answer.status).toBe(200);
      expect(answer.allowed).toBe(false);
    }
    await stack.waitHealthy();
    await expectPromisesKept(tally, `projector ${name}`);
  }

  it('frozen (SIGSTOP): reads answer 503 read-side-lagging, never allowed; all caught up after SIGCONT', async () => {
    const projector = stack.projectors[0].current;
    await scenario(
      'frozen',
      () => stack.freeze(projector),
      async () => stack.thaw(projector),
    );
  }, 240_000);

  it('killed (SIGKILL) and left down: the same; a new projector catches up', async () => {
    const slot = stack.projectors[0];
    await scenario(
      'killed',
      () => {
        slot.retired = true; // no supervisor this time: it stays down until started by hand
        stack.kill9(slot.current);
      },
      async () => {
        await stack.until(async () => !slot.current.running(), 10_000);
        stack.projectors = [];
        await stack.startProjector();
      },
    );
  }, 240_000);
});
