/**
 * `ledger`: the operators' command line. `ledger filter contacts.csv --purpose prospecting
 * --channel email` keeps the contacts the ledger allows, with a progress bar and a summary;
 * `ledger verify` proves the read models and checkpoints against the signed log.
 */
import { statSync, writeFileSync } from 'node:fs';
import { assertSupportedRuntime, loadConfig } from '@ledger/config';
import { createKafka } from '@ledger/kafka';
import { createMongoConnection } from '@ledger/mongo';
import { verifierFromJwks } from './verify/verification-keys';
import { verifyLedger, VerifyNotReady, type VerifyReport } from './verify/verify-ledger';
import { Command, Option } from 'commander';
import { progressBar } from './progress-bar';
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
    const bar = progressBar(
      options.progress,
      'filtering [{bar}] {percentage}% | {value}/{total} bytes | eta {eta}s',
    );
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

program
  .command('verify')
  .description(
    're-read the events topic from the start and check every signature, hash chain, signed checkpoint and read model against it; exits 1 naming the first divergence',
  )
  .addOption(
    new Option('--jwks <url-or-file>', 'the public keys to trust (default: <api-url>/.well-known/jwks.json)'),
  )
  .addOption(
    new Option('--api-url <url>', 'the ledger API').env('LEDGER_API_URL').default('http://127.0.0.1:3000'),
  )
  .option('--json <file>', 'also write the whole report as JSON to this file')
  .option('--log-only', 'Kafka alone: signatures, hash chains and the checkpoints topic; no database read')
  .option('--wait <seconds>', 'how long to wait for the read models to apply the log', '60')
  .option('--no-progress', 'no progress bar')
  .action(async (options: Record<string, string | boolean | undefined>) => {
    // Kafka and MongoDB as the ledger's own processes reach them (KAFKA_BROKERS, MONGODB_URI...).
    const config = loadConfig(process.env);
    const jwks = (options.jwks as string | undefined) ?? `${String(options.apiUrl)}/.well-known/jwks.json`;
    const verifier = await verifierFromJwks(jwks);
    const mongo = options.logOnly ? undefined : createMongoConnection(config.mongo);
    const bar = progressBar(
      options.progress,
      'verifying [{bar}] {percentage}% | {value}/{total} records | eta {eta}s',
    );
    let report: VerifyReport;
    try {
      report = await verifyLedger({
        kafka: createKafka(config.kafka),
        ...(mongo ? { db: mongo.db } : {}),
        topic: config.kafka.eventsTopic,
        verifier,
        catchUpTimeoutMs: Number(options.wait) * 1000,
        onProgress: (records, total) => {
          if (bar && !bar.isActive) bar.start(total, 0);
          bar?.update(records);
        },
      });
    } catch (error) {
      bar?.stop();
      if (error instanceof VerifyNotReady) {
        console.error(`ledger verify: ${error.message}`);
        process.exit(2);
      }
      throw error;
    } finally {
      bar?.stop();
      await mongo?.client.close();
    }
    if (options.json) writeFileSync(options.json as string, `${JSON.stringify(report, null, 2)}\n`);
    const { records, subjects, checkpoints, readModels, notProjected, divergences, moreDivergences } = report;
    process.stdout.write(
      [
        `read ${records} records of ${report.topic} (${subjects} subjects); ${
          readModels
            ? `read models: generation '${report.generation}', ${readModels.subjects} subjects, ${readModels.historyEntries} history entries`
            : 'read models not compared (--log-only)'
        }`,
        `signed checkpoints: ${checkpoints.checked} checked of ${checkpoints.signed} (${checkpoints.beyondRead} beyond what was read)`,
        ...(notProjected.length > 0
          ? [
              `${notProjected.length} record(s) the projector must have dead-lettered; first: ${notProjected[0].position}: ${notProjected[0].reason}`,
            ]
          : []),
        divergences.length === 0
          ? `no divergence: the ${readModels ? 'read models and ' : ''}checkpoints are what the signed log says`
          : `${divergences.length + moreDivergences} divergence(s)`,
        '',
      ].join('\n'),
    );
    if (divergences.length > 0) {
      for (const { where, what } of divergences.slice(0, 20)) console.error(`divergence: ${where}: ${what}`);
      console.error(`ledger verify: first divergence: ${divergences[0].where}: ${divergences[0].what}`);
      process.exitCode = 1;
    }
  });

Promise.resolve()
  .then(() => assertSupportedRuntime())
  .then(() => program.parseAsync(process.argv))
  .catch((error: unknown) => {
    console.error(`ledger: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });
