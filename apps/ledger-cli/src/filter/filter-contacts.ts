import { createWriteStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { Readable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { stringify } from 'csv-stringify';
import { readContacts, type Contact, type ContactFormat } from './contact-file';

export interface FilterOptions {
  input: string;
  format: ContactFormat;
  output: string;
  apiUrl: string;
  apiKey: string;
  purpose: string;
  channel: string;
  partner?: string;
  at?: string;
  onProgress?: (bytesRead: number) => void;
}

export interface FilterSummary {
  total: number;
  allowed: number;
  refused: number;
  /** Count per reason code; `invalid_line` for rows the ledger could not read. */
  reasons: Record<string, number>;
}

interface Answer {
  allowed?: boolean;
  reason?: string;
  error?: { type: string; detail: string };
}

/**
 * Streams a contact file through POST /v1/decisions/batch and writes the allowed rows, in input
 * order, to `output`. Rows wait in a queue only while their answer is in flight.
 */
export async function filterContacts(options: FilterOptions): Promise<FilterSummary> {
  const summary: FilterSummary = { total: 0, allowed: 0, refused: 0, reasons: {} };
  const count = (reason: string) => (summary.reasons[reason] = (summary.reasons[reason] ?? 0) + 1);
  const awaitingAnswer: Contact[] = [];
  const unreadable: Contact[] = [];

  // Rows without a usable reference never reach the ledger; they are counted as invalid.
  const requestLines = Readable.from(
    (async function* () {
      for await (const contact of readContacts(
        options.input,
        options.format,
        options.onProgress ?? (() => undefined),
      )) {
        summary.total++;
        if (contact.ref === null) {
          unreadable.push(contact);
          continue;
        }
        awaitingAnswer.push(contact);
        yield `${JSON.stringify(contact.ref)}\n`;
      }
    })(),
  );
  const query = new URLSearchParams({ purpose: options.purpose, channel: options.channel });
  if (options.partner) query.set('partner', options.partner);
  if (options.at) query.set('at', options.at);
  const response = await fetch(`${options.apiUrl.replace(/\/$/, '')}/v1/decisions/batch?${query}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${options.apiKey}`, 'content-type': 'application/x-ndjson' },
    body: Readable.toWeb(requestLines) as ReadableStream,
    duplex: 'half',
  } as RequestInit);
  if (!response.ok || !response.body) {
    const problem = (await response.json().catch(() => ({}))) as { title?: string; detail?: string };
    throw new Error(
      `the ledger answered ${response.status}: ${problem.detail ?? problem.title ?? 'no detail'}`,
    );
  }

  const out = createWriteStream(options.output);
  const csv = options.format === 'csv' ? stringify({ header: true }) : undefined;
  csv?.pipe(out);
  const write = (row: Record<string, string>) =>
    csv ? csv.write(row) : out.write(`${JSON.stringify(row)}\n`);

  const answers = createInterface({
    input: Readable.fromWeb(response.body as import('node:stream/web').ReadableStream),
  });
  for await (const line of answers) {
    const answer = JSON.parse(line) as Answer;
    const contact = awaitingAnswer.shift();
    if (answer.error?.type.endsWith('read-side-unavailable')) {
      throw new Error(`the ledger stopped answering: ${answer.error.detail}`);
    }
    if (!contact) throw new Error('the ledger answered more lines than were sent');
    if (answer.error) {
      summary.refused++;
      count('invalid_line');
    } else if (answer.allowed) {
      summary.allowed++;
      count(answer.reason ?? 'unknown');
      write(contact.row);
    } else {
      summary.refused++;
      count(answer.reason ?? 'unknown');
    }
  }
  if (awaitingAnswer.length > 0) throw new Error(`${awaitingAnswer.length} contacts got no answer`);
  summary.refused += unreadable.length;
  for (let i = 0; i < unreadable.length; i++) count('invalid_line');
  if (csv) {
    csv.end();
    await finished(out);
  } else {
    out.end();
    await finished(out);
  }
  return summary;
}
