/**
 * `npm run rebuild`: replays the log from offset 0 into a fresh generation of the read models,
 * then switches the API to it and moves the projector's consumer group to where the rebuild
 * ended. Stop the projector first (the switch needs its consumer group idle); start it after.
 */
import { parseArgs } from 'node:util';
import { ConfigError, assertSupportedRuntime, loadConfig } from '@ledger/config';
import { createKafka } from '@ledger/kafka';
import { createMongoConnection, ReadModelGenerationStore } from '@ledger/mongo';
import { rebuildReadModels } from './rebuild/rebuild-read-models';

const USAGE = `usage: npm run rebuild -- [--no-switch]
  Replays the events topic into a fresh read-model generation and switches to it.
  --no-switch  build the generation and leave the live one in place (to compare)`;

async function main(): Promise<void> {
  assertSupportedRuntime();
  const { values } = parseArgs({ options: { 'no-switch': { type: 'boolean' }, help: { type: 'boolean' } } });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const config = loadConfig(process.env, { requireMasterKey: true });
  const kafka = createKafka(config.kafka);
  const admin = kafka.admin();
  await admin.connect();
  const mongo = createMongoConnection(config.mongo);
  try {
    const switching = !values['no-switch'];
    if (switching) {
      const { groups } = await admin.describeGroups([config.kafka.projectorGroupId]);
      if (groups[0] && groups[0].members.length > 0) {
        throw new Error(
          `the projector group ${config.kafka.projectorGroupId} is active: stop the projector first`,
        );
      }
    }
    const generation = `g${Date.now().toString(36)}`;
    process.stderr.write(`rebuilding read models into generation ${generation}\n`);
    const result = await rebuildReadModels(config, mongo, generation, (applied, total) => {
      process.stderr.write(
        `\r  ${applied}/${total} records (${total === 0 ? 100 : Math.floor((applied / total) * 100)}%)`,
      );
    });
    process.stderr.write('\n');
    if (!switching) {
      process.stdout.write(`built generation ${generation}; live generation unchanged\n`);
      return;
    }
    const previous = await new ReadModelGenerationStore(mongo.db).switchTo(
      generation,
      new Date().toISOString(),
    );
    await admin.setOffsets({
      groupId: config.kafka.projectorGroupId,
      topic: config.kafka.eventsTopic,
      partitions: [...result.endOffsets].map(([partition, offset]) => ({
        partition,
        offset: String(offset + 1),
      })),
    });
    process.stdout.write(
      `switched to generation ${generation} (previous: ${previous || 'initial'}; its collections are kept)\n`,
    );
  } finally {
    await admin.disconnect();
    await mongo.client.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError || error instanceof Error ? error.message : error);
  process.exit(1);
});
