/** Errors that say no, not "not yet": named *Refused. */
const isRefusal = (error: unknown): boolean => error instanceof Error && error.name.endsWith('Refused');

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Runs `attempt` until it succeeds or `timeoutMs` has passed, waiting longer after each failure
 * (200 ms doubling to 5 s): a broker still creating a topic or electing a leader is not a reason
 * to give up on start.
 */
export async function withRetries<T>(
  what: string,
  attempt: () => Promise<T>,
  options: { timeoutMs?: number; onRetry?: (message: string) => void } = {},
): Promise<T> {
  const deadline = Date.now() + (options.timeoutMs ?? 120_000);
  for (let failures = 0; ; failures++) {
    try {
      return await attempt();
    } catch (error) {
      // A refusal (the topic's settings, the configuration) will not change by waiting.
      if (Date.now() > deadline || isRefusal(error)) throw error;
      const waitMs = Math.min(5000, 200 * 2 ** Math.min(failures, 5));
      options.onRetry?.(
        `${what} failed (${error instanceof Error ? error.message : String(error)}); retrying in ${waitMs} ms`,
      );
      await sleep(waitMs);
    }
  }
}
