/**
 * How each app's Node.js process is started, in one place for `npm start`, the bench and the
 * container (docker-compose.yml repeats it). The API's memory is flat by design (batches stream
 * through disk or a capped join), so its V8 heap is capped: left alone, V8 grows the heap lazily
 * towards a quarter of the machine's memory (395 MiB resident after a 1M-line batch), and a
 * leak would pass for load; with a cap, V8 collects in earnest and a leak ends in a restart.
 * Smaller young-generation semispaces (8 MiB, not 16) keep the garbage of streamed lines from
 * piling up between scavenges: 289 → 167–207 MiB peak over the same batch.
 */
export const APP_NODE_ARGS = {
  'ledger-api': ['--max-old-space-size=256', '--max-semi-space-size=8'],
  projector: [] as string[],
  retention: [] as string[],
} as const;

export type AppName = keyof typeof APP_NODE_ARGS;
