import type { LedgerConfig } from '@ledger/config';
import { createKafka, KafkaEventConsumer, lastOffsets } from '@ledger/kafka';
import { appliedCount, caughtUp } from '@ledger/domain';
import { MongoErasure, openReadModels, readModelNames, type MongoConnection } from '@ledger/mongo';
import { identifierHasher } from '../projection/identifier-hasher';
import { LedgerProjection } from '../projection/ledger-projection';
import { ledgerVerifier } from '../transport/kafka-batch.transport';

export interface RebuildResult {
  generation: string;
  /** The last offset per partition the rebuild applied (the log's end when it started). */
  endOffsets: Map<number, number>;
}

/**
 * Replays the events topic from offset 0 into a fresh generation of the read models, with the
 * projector's own code, until it reaches the log's end as it was when the rebuild started.
 * Dead letters are not published again (the live projector already did).
 */
export async function rebuildReadModels(
  config: LedgerConfig,
  mongo: MongoConnection,
  generation: string,
  onProgress: (applied: number, total: number) => void = () => undefined,
): Promise<RebuildResult> {
  const names = readModelNames(generation);
  for (const name of Object.values(names))
    await mongo.db
      .collection(name)
      .drop()
      .catch(() => undefined);
  const models = openReadModels(mongo.db, config.kafka.eventsTopic, generation);
  const noDeadLetters = { publish: async () => undefined };
  const projection = new LedgerProjection(
    models,
    noDeadLetters,
    new MongoErasure(mongo.db, generation),
    identifierHasher(config),
  );

  const kafka = createKafka(config.kafka);
  const endOffsets = await lastOffsets(kafka, config.kafka.eventsTopic);
  const total = [...endOffsets.values()].reduce((sum, offset) => sum + offset + 1, 0);
  const groupId = `${config.kafka.projectorGroupId}.rebuild.${generation}`;
  const consumer = new KafkaEventConsumer(kafka, {
    topic: config.kafka.eventsTopic,
    groupId,
    fromBeginning: true,
    verifier: ledgerVerifier(config),
  });
  await consumer.start(projection);
  try {
    for (;;) {
      const applied = await models.checkpoints.appliedOffsets();
      onProgress(appliedCount(applied, endOffsets), total);
      if (caughtUp(applied, endOffsets)) break;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  } finally {
    await consumer.stop();
    const admin = kafka.admin();
    await admin.connect();
    await admin.deleteGroups([groupId]).catch(() => undefined);
    await admin.disconnect();
  }
  return { generation, endOffsets };
}
