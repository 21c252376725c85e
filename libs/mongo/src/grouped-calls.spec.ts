import { GroupedCalls } from './grouped-calls';

describe('GroupedCalls', () => {
  it('sends calls that arrive during a round trip together in the next, each answered its own', async () => {
    const sent: number[][] = [];
    let release!: () => void;
    const firstHeld = new Promise<void>((resolve) => (release = resolve));
    const calls = new GroupedCalls<number, string>(async (inputs) => {
      sent.push(inputs);
      if (sent.length === 1) await firstHeld;
      return inputs.map((n) => `answer ${n}`);
    });
    const first = calls.call(1);
    const rest = [2, 3, 4].map((n) => calls.call(n));
    release();
    expect(await first).toBe('answer 1');
    expect(await Promise.all(rest)).toEqual(['answer 2', 'answer 3', 'answer 4']);
    expect(sent).toEqual([[1], [2, 3, 4]]);
  });

  it('fails only the calls of the round trip that failed, and splits groups at the limit', async () => {
    const sent: number[][] = [];
    const calls = new GroupedCalls<number, number>(async (inputs) => {
      sent.push(inputs);
      if (inputs.includes(1)) throw new Error('server down');
      return inputs.map((n) => n * 10);
    }, 2);
    const answers = await Promise.allSettled([1, 2, 3, 4, 5].map((n) => calls.call(n)));
    expect(answers.map((a) => (a.status === 'fulfilled' ? a.value : (a.reason as Error).message))).toEqual([
      'server down',
      20,
      30,
      40,
      50,
    ]);
    expect(sent).toEqual([[1], [2, 3], [4, 5]]);
  });
});
