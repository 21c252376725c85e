import { useFaultStack, sleep } from './support/fault-stack';
import { expectPromisesKept, Tally } from './support/workload';

describe('fault 7: a client clock running ahead', () => {
  const stack = useFaultStack();

  it('a consent stamped 30 s in the future, then a withdrawal: never allowed afterwards', async () => {
    const tally = new Tally(stack);
    const ahead = new Date(Date.now() + 30_000).toISOString();
    expect((await tally.write('consent', 'fast-clock', 'fast-c', { occurredAt: ahead })).status).toBe(201);
    expect((await tally.write('withdrawal', 'fast-clock', 'fast-w')).status).toBe(201);
    // Past the instant the consent claimed, too: it took effect when recorded, before the withdrawal.
    const until = Date.now() + 35_000;
    while (Date.now() < until) {
      const answer = await tally.decide('fast-clock');
      expect(answer.status).toBe(200);
      expect(answer.allowed).toBe(false);
      await sleep(1000);
    }
    // Beyond the allowed skew (1 minute) the write is refused and changes nothing.
    const far = await tally.write('consent', 'fast-clock', 'far-c', {
      occurredAt: new Date(Date.now() + 120_000).toISOString(),
    });
    expect(far.status).toBe(400);
    expect((await tally.decide('fast-clock')).allowed).toBe(false);
    await expectPromisesKept(tally, 'client clock 30 s ahead');
  }, 120_000);
});
