import { createReadStream, createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { writeAll } from './join/external-sort';
import type { ParsedLine } from './batch-lines';

/** Lines kept in memory before the list goes to disk: small lists never touch the disk. */
export const IN_MEMORY_LINES = 5000;

/**
 * The list as read, parsed, counted, readable again as often as needed: in memory while small,
 * then in a file under the request's own temporary directory, so memory stays flat.
 */
export class InputSpool {
  lines = 0;
  identifierRefs = 0;
  subjectRefs = 0;
  private memory: ParsedLine[] = [];
  private file: WriteStream | undefined;
  private readonly path: string;

  constructor(dir: string) {
    this.path = join(dir, 'input.ndjson');
  }

  async push(parsed: ParsedLine): Promise<void> {
    this.lines++;
    if ('key' in parsed) {
      if ('identifier' in parsed.key) this.identifierRefs++;
      else this.subjectRefs++;
    }
    if (this.file === undefined && this.memory.length < IN_MEMORY_LINES) {
      this.memory.push(parsed);
      return;
    }
    if (this.file === undefined) {
      this.file = createWriteStream(this.path);
      await writeAll(
        this.file,
        this.memory.map((p) => JSON.stringify(p)),
      );
      this.memory = [];
    }
    await writeAll(this.file, [JSON.stringify(parsed)]);
  }

  async end(): Promise<void> {
    if (this.file === undefined) return;
    this.file.end();
    await once(this.file, 'finish');
  }

  /** The lines in input order; may be read several times. */
  async *read(): AsyncGenerator<ParsedLine> {
    if (this.file === undefined) {
      yield* this.memory;
      return;
    }
    for await (const text of createInterface({ input: createReadStream(this.path), crlfDelay: Infinity })) {
      yield JSON.parse(text) as ParsedLine;
    }
  }
}
