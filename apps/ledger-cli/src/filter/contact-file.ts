import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { parse } from 'csv-parse';

export type ContactFormat = 'csv' | 'ndjson';

/** Longest CSV record read (characters). */
export const MAX_RECORD_CHARS = 64 * 1024;

/** A contact as read: the reference the ledger understands, and the row to copy if allowed. */
export interface Contact {
  ref: { subjectId: string } | { email: string } | { phone: string } | null;
  row: Record<string, string>;
}

const REF_COLUMNS = ['subjectId', 'email', 'phone'] as const;

export function formatOf(path: string, explicit?: string): ContactFormat {
  if (explicit === 'csv' || explicit === 'ndjson') return explicit;
  if (/\.(nd)?jsonl?$/i.test(path) || /\.ndjson$/i.test(path)) return 'ndjson';
  return 'csv';
}

function refOf(row: Record<string, unknown>): Contact['ref'] {
  for (const column of REF_COLUMNS) {
    const value = row[column];
    if (typeof value === 'string' && value.trim() !== '') return { [column]: value.trim() } as Contact['ref'];
  }
  return null;
}

/** Reads contacts one at a time; `onBytes` follows the file's progress for the progress bar. */
export async function* readContacts(
  path: string,
  format: ContactFormat,
  onBytes: (bytesRead: number) => void,
): AsyncGenerator<Contact> {
  const file = createReadStream(path);
  file.on('data', () => onBytes(file.bytesRead));
  if (format === 'csv') {
    // A record past 64 KiB is no contact row: stop with csv-parse's CSV_MAX_RECORD_SIZE, not run out of memory.
    const rows = file.pipe(
      parse({
        columns: true,
        skip_empty_lines: true,
        trim: true,
        bom: true,
        max_record_size: MAX_RECORD_CHARS,
      }),
    );
    for await (const row of rows as AsyncIterable<Record<string, string>>) yield { ref: refOf(row), row };
    return;
  }
  for await (const line of createInterface({ input: file, crlfDelay: Infinity })) {
    if (line.trim() === '') continue;
    let row: Record<string, string>;
    try {
      row = JSON.parse(line) as Record<string, string>;
    } catch {
      yield { ref: null, row: { raw: line } };
      continue;
    }
    yield { ref: refOf(row), row };
  }
}
