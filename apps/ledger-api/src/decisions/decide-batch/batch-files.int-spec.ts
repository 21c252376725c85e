import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { removeOrphanedBatchFiles } from './batch-decisions';

describe('temporary batch files (lists of personal data)', () => {
  it("removes those of dead API processes at start, and leaves a live process's alone", async () => {
    const dead = join(tmpdir(), 'ledger-batch-2147483646-spec');
    const live = join(tmpdir(), `ledger-batch-${process.pid}-spec`);
    for (const dir of [dead, live]) {
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, 'input.ndjson'), '{"email":"someone@example.fr"}\n');
    }
    try {
      await removeOrphanedBatchFiles();
      expect({ dead: existsSync(dead), live: existsSync(live) }).toEqual({ dead: false, live: true });
    } finally {
      rmSync(dead, { recursive: true, force: true });
      rmSync(live, { recursive: true, force: true });
    }
  });
});
