/**
 * `npm run seal-topic -- --to <topic>`: the one-off migration of a log written before personal
 * data was sealed. Copies every record of LEDGER_EVENTS_TOPIC, in order, into a new topic with
 * personal values sealed; then point LEDGER_EVENTS_TOPIC at it, `npm run rebuild`, and delete
 * the old topic and its dead letters (README: "Erasure and the log"). Stop the API first.
 */
import { parseArgs } from 'node:util';
import { ConfigError, assertSupportedRuntime, loadConfig } from '@ledger/config';
import { createMongoConnection } from '@ledger/mongo';
import { sealTopicCopy } from './rebuild/seal-topic-copy';

const USAGE = `usage: npm run seal-topic -- --to <new topic>
  Copies the events topic into <new topic> (which must be new or empty) with personal values sealed.`;

async function main(): Promise<void> {
  assertSupportedRuntime();
  const { values } = parseArgs({ options: { to: { type: 'string' }, help: { type: 'boolean' } } });
  if (values.help || values.to === undefined) {
    process.stdout.write(`${USAGE}\n`);
    if (values.to === undefined && !values.help) process.exitCode = 2;
    return;
  }
  const config = loadConfig(process.env, { requireMasterKey: true });
  const mongo = createMongoConnection(config.mongo);
  try {
    const result = await sealTopicCopy(config, mongo, values.to, (done, total) => {
      process.stderr.write(
        `\r  ${done}/${total} records (${total === 0 ? 100 : Math.floor((done / total) * 100)}%)`,
      );
    });
    process.stderr.write('\n');
    process.stdout.write(
      `copied ${result.copied} events to ${values.to} (${result.sealed} sealed now, the rest already were); ${result.undecodable} undecodable record(s) to its dead letters\n` +
        `next: stop the projector, set LEDGER_EVENTS_TOPIC=${values.to}, npm run rebuild, start the ledger, delete ${config.kafka.eventsTopic}\n`,
    );
  } finally {
    await mongo.client.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError || error instanceof Error ? error.message : error);
  process.exit(1);
});
