import type { Readable } from 'node:stream';
import { LedgerError } from '@ledger/domain';

/** No subject reference comes near this; a longer line is refused before it is buffered. */
export const MAX_LINE_BYTES = 4096;

export interface UploadBounds {
  maxLines: number;
  maxBytes: number;
  /** Longest silence between two chunks. */
  idleTimeoutMs: number;
  /** Longest time the whole list may take to arrive. */
  maxUploadMs: number;
}

/** Why an upload was refused; the connection is closed after the problem, the rest unread. */
export class UploadRefused extends LedgerError {}

const tooLarge = (detail: string, limits: Record<string, number>): UploadRefused =>
  new UploadRefused('payload_too_large', detail, limits);

/**
 * The lines of a streamed body, with every bound enforced as bytes arrive: a line is never
 * held past MAX_LINE_BYTES, the list never past maxBytes or maxLines, and a sender that
 * stalls or dawdles is refused with 408 instead of holding the request open for ever.
 */
export async function* boundedLines(input: Readable, bounds: UploadBounds): AsyncGenerator<string> {
  const chunks = input[Symbol.asyncIterator]() as AsyncIterator<Buffer | string>;
  const deadline = Date.now() + bounds.maxUploadMs;
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let bytes = 0;
  let lines = 0;
  const line = (last: Buffer): string => {
    lines++;
    if (lines > bounds.maxLines) {
      throw tooLarge(`the list has more than ${bounds.maxLines} lines`, { maxLines: bounds.maxLines });
    }
    const whole = pending.length === 0 ? last : Buffer.concat([...pending, last]);
    pending = [];
    pendingBytes = 0;
    const text = whole.toString('utf8');
    return text.endsWith('\r') ? text.slice(0, -1) : text;
  };
  const lineTooLong = (): UploadRefused =>
    tooLarge(`line ${lines + 1} is longer than ${MAX_LINE_BYTES} bytes`, { maxLineBytes: MAX_LINE_BYTES });
  for (;;) {
    const next = await nextWithin(chunks, Math.min(bounds.idleTimeoutMs, deadline - Date.now()), () =>
      Date.now() >= deadline
        ? `the list did not arrive within ${bounds.maxUploadMs} ms`
        : `no bytes arrived for ${bounds.idleTimeoutMs} ms`,
    );
    if (next.done) break;
    const chunk = typeof next.value === 'string' ? Buffer.from(next.value) : next.value;
    bytes += chunk.length;
    if (bytes > bounds.maxBytes) {
      throw tooLarge(`the list is larger than ${bounds.maxBytes} bytes`, { maxBytes: bounds.maxBytes });
    }
    let start = 0;
    for (let end = chunk.indexOf(10); end !== -1; end = chunk.indexOf(10, start)) {
      if (pendingBytes + end - start > MAX_LINE_BYTES) throw lineTooLong();
      yield line(chunk.subarray(start, end));
      start = end + 1;
    }
    if (start < chunk.length) {
      pendingBytes += chunk.length - start;
      if (pendingBytes > MAX_LINE_BYTES) throw lineTooLong();
      pending.push(chunk.subarray(start));
    }
  }
  if (pendingBytes > 0) yield line(Buffer.alloc(0));
}

async function nextWithin<T>(
  iterator: AsyncIterator<T>,
  ms: number,
  why: () => string,
): Promise<IteratorResult<T>> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new UploadRefused('request_timeout', why())), Math.max(0, ms));
  });
  try {
    const read = iterator.next().catch((error: unknown) => {
      // The sender went away mid-list: nothing to answer, nothing to log as a fault of ours.
      throw new UploadRefused('validation_failed', `the upload was interrupted (${String(error)})`);
    });
    return await Promise.race([read, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
