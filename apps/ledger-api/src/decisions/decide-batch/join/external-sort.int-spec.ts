import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { externalSort, keyOf, mergeJoin } from './external-sort';

describe('external sort and merge join (on disk)', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'external-sort-spec-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const collect = async <T>(source: AsyncIterable<T>) => {
    const items: T[] = [];
    for await (const item of source) items.push(item);
    return items;
  };

  it('sorts across many runs by key, keeping input order among equal keys', async () => {
    const records = Array.from({ length: 2500 }, (_, i) => `${JSON.stringify(`k${(i * 7919) % 313}`)}\t${i}`);
    const sorted = await collect(externalSort(records, dir, 'test', 100));
    expect(readdirSync(dir).length).toBe(25); // the runs really went to disk
    const expected = records
      .map((record, index) => ({ record, index }))
      .sort((a, b) =>
        keyOf(a.record) < keyOf(b.record) ? -1 : keyOf(a.record) > keyOf(b.record) ? 1 : a.index - b.index,
      )
      .map(({ record }) => record);
    expect(sorted).toEqual(expected);
  });

  it('sorts in memory when the input fits one run', async () => {
    expect(await collect(externalSort(['"b"\t1', '"a"\t2', '"b"\t3'], dir, 'small'))).toEqual([
      '"a"\t2',
      '"b"\t1',
      '"b"\t3',
    ]);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('joins sorted lines (keys repeated) with sorted unique keys', async () => {
    async function* from(items: string[]) {
      yield* items;
    }
    const joined = await collect(
      mergeJoin(
        from(['"a"\t1', '"c"\t2', '"c"\t3', '"e"\t4']),
        from(['"b"\tB', '"c"\tC', '"d"\tD', '"e"\tE']),
      ),
    );
    expect(joined).toEqual([
      ['"a"\t1', undefined],
      ['"c"\t2', '"c"\tC'],
      ['"c"\t3', '"c"\tC'],
      ['"e"\t4', '"e"\tE'],
    ]);
  });
});
