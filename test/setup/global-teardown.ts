import { rmSync } from 'node:fs';

export default async function globalTeardown(): Promise<void> {
  const state = globalThis.__LEDGER_TEST_INFRA__;
  if (!state) return;
  await state.infra.stop();
  rmSync(state.workDir, { recursive: true, force: true });
}
