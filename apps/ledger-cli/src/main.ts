/**
 * `ledger`: the operators' command line. `ledger filter contacts.csv --purpose prospecting
 * --channel email` keeps the contacts the ledger allows, with a progress bar and a summary.
 */
import { statSync, writeFileSync } from 'node:fs';
import { assertSupportedRuntime } from '@ledger/config';
import { Command, Option } from 'commander';
import { SingleBar, Presets } from 'cli-progress';
import { formatOf } from './filter/contact-file';
import { filterContacts } from './filter/filter-contacts';

const program = new Command('ledger')
  .description('Consent ledger operator tools')
  .version(`ledger on Node.js ${process.version}`, '-V, --version', 'show the Node.js runtime it runs on');

program
  .command('filter')
  .description('keep the contacts of a CSV or NDJSON file that the ledger allows for a purpose and channel')
  .argument('<file>', 'contacts: CSV with a subjectId, email or phone column, or NDJSON objects')
  .requiredOption('--purpose <purpose>', 'e.g. prospecting, partner_transfer, profiling')
  .requiredOption('--channel <channel>', 'email, sms, phone, post or web')
  .option(
    '--partner <partner>',
    'with partner_transfer: flex-conseil-et-services, mg-services, lmg-assurances',
  )
  .option('--at <instant>', 'decide as of this past instant (ISO 8601)')
  .option('-o, --out <file>', 'where to write the allowed contacts (default: <file>.allowed.<ext>)')
  .option('--summary <file>', 'also write the summary as JSON to this file')
  .addOption(
    new Option('--format <format>', 'input format (default: from the extension)').choices(['csv', 'ndjson']),
  )
  .addOption(
    new Option('--api-url <url>', 'the ledger API').env('LEDGER_API_URL').default('http://127.0.0.1:3000'),
  )
  .addOption(
    new Option('--api-key <key>', 'an API key with lists:filter').env('LEDGER_API_KEY').makeOptionMandatory(),
  )
  .option('--no-progress', 'no progress bar')
  .action(async (file: string, options: Record<string, string | boolean | undefined>) => {
    const format = formatOf(file, options.format as string | undefined);
    const output =
      (options.out as string | undefined) ??
      file.replace(/(\.[^./]+)?$/, `.allowed.${format === 'csv' ? 'csv' : 'ndjson'}`);
    const size = statSync(file).size;
    const bar =
      options.progress && process.stderr.isTTY
        ? new SingleBar(
            {
              format: 'filtering [{bar}] {percentage}% | {value}/{total} bytes | eta {eta}s',
              stream: process.stderr,
            },
            Presets.shades_classic,
          )
        : undefined;
    bar?.start(size, 0);
    try {
      const summary = await filterContacts({
        input: file,
        format,
        output,
        apiUrl: options.apiUrl as string,
        apiKey: options.apiKey as string,
        purpose: options.purpose as string,
        channel: options.channel as string,
        ...(options.partner ? { partner: options.partner as string } : {}),
        ...(options.at ? { at: options.at as string } : {}),
        onProgress: (bytes) => bar?.update(bytes),
      });
      bar?.update(size);
      bar?.stop();
      if (options.summary) writeFileSync(options.summary as string, `${JSON.stringify(summary, null, 2)}\n`);
      process.stdout.write(`${JSON.stringify({ output, ...summary })}\n`);
    } catch (error) {
      bar?.stop();
      throw error;
    }
  });

Promise.resolve()
  .then(() => assertSupportedRuntime())
  .then(() => program.parseAsync(process.argv))
  .catch((error: unknown) => {
    console.error(`ledger: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });
