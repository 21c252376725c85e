import { CoalescedRead } from './coalesced-read';

describe('CoalescedRead', () => {
  it('never answers a caller with a read that started before it asked, and shares reads', async () => {
    let reads = 0;
    const releases: Array<() => void> = [];
    const coalesced = new CoalescedRead(
      () =>
        new Promise<number>((resolve) => {
          const n = ++reads;
          releases.push(() => resolve(n));
        }),
    );
    const first = coalesced.get(); // starts read 1
    const second = coalesced.get(); // read 1 is in flight: waits for read 2
    const third = coalesced.get(); // shares read 2
    expect(reads).toBe(1);
    releases[0]();
    expect(await first).toBe(1);
    await new Promise((r) => setImmediate(r));
    expect(reads).toBe(2);
    releases[1]();
    expect(await second).toBe(2);
    expect(await third).toBe(2);
  });

  it('passes a failure to the callers of that read only', async () => {
    let fail = true;
    const coalesced = new CoalescedRead(async () => {
      if (fail) throw new Error('down');
      return 'up';
    });
    await expect(coalesced.get()).rejects.toThrow('down');
    fail = false;
    expect(await coalesced.get()).toBe('up');
  });
});
