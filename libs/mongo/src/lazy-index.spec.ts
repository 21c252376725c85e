import type { Collection, Document } from 'mongodb';
import { LazyIndex } from './lazy-index';

describe('an index made at first use', () => {
  it('is asked for once while it succeeds, and again after a failure', async () => {
    let calls = 0;
    const collection = {
      createIndex: async () => {
        calls++;
        if (calls === 1) throw new Error('server selection timed out');
        return 'made';
      },
    } as unknown as Pick<Collection<Document>, 'createIndex'>;
    const index = new LazyIndex(collection, { at: 1 });
    await expect(index.ensure()).rejects.toThrow('server selection timed out');
    await expect(index.ensure()).resolves.toBe('made');
    await index.ensure();
    expect(calls).toBe(2);
  });
});
