import { MongoClient } from 'mongodb';
import { decodeEvent, deriveKeys, PersonalDataVault } from '@ledger/contracts';
import { MongoDataKeyStore } from '@ledger/mongo';
import type { LedgerConfig } from '@ledger/config';
import { openPersonalData, type LedgerEvent } from '@ledger/domain';
import { createKafka } from '@ledger/kafka';

/** How many records a topic (the events topic by default) holds, over all partitions. */
export async function topicRecordCount(
  config: LedgerConfig,
  topic = config.kafka.eventsTopic,
): Promise<number> {
  const admin = createKafka(config.kafka).admin();
  await admin.connect();
  try {
    if (!(await admin.listTopics()).includes(topic)) return 0;
    const offsets = await admin.fetchTopicOffsets(topic);
    return offsets.reduce((sum, { high, low }) => sum + Number(high) - Number(low), 0);
  } finally {
    await admin.disconnect();
  }
}

/** Reads the whole topic with a consumer group of its own and decodes every record (skipping, when told, those that are not events). */
export async function readAllEvents(
  config: LedgerConfig,
  options: { skipUndecodable?: boolean } = {},
): Promise<LedgerEvent[]> {
  const expected = await topicRecordCount(config);
  const consumer = createKafka(config.kafka).consumer({
    groupId: `reader.${Date.now()}.${Math.random().toString(36).slice(2)}`,
  });
  await consumer.connect();
  await consumer.subscribe({ topic: config.kafka.eventsTopic, fromBeginning: true });
  const events: LedgerEvent[] = [];
  let seen = 0;
  try {
    await new Promise<void>((resolve, reject) => {
      if (expected === 0) resolve();
      consumer
        .run({
          eachMessage: async ({ message }) => {
            const headers = Object.fromEntries(
              Object.entries(message.headers ?? {}).map(([k, v]) => [k, v?.toString()]),
            );
            let decoded: LedgerEvent | undefined;
            try {
              decoded = decodeEvent({ key: message.key?.toString() ?? null, value: message.value, headers });
            } catch (error) {
              if (!options.skipUndecodable) throw error;
            }
            if (decoded) events.push(decoded);
            seen++;
            if (seen >= expected) resolve();
          },
        })
        .catch(reject);
    });
  } finally {
    await consumer.disconnect();
  }
  return events;
}

/** Every record of a topic as raw text (key, headers, value), undecoded: what a thief of the log would read. */
export async function readRawRecords(config: LedgerConfig, topic: string): Promise<string[]> {
  const expected = await topicRecordCount(config, topic);
  if (expected === 0) return [];
  const consumer = createKafka(config.kafka).consumer({
    groupId: `raw-reader.${Date.now()}.${Math.random().toString(36).slice(2)}`,
  });
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  const records: string[] = [];
  try {
    await new Promise<void>((resolve, reject) => {
      consumer
        .run({
          eachMessage: async ({ message }) => {
            const headers = Object.entries(message.headers ?? {}).map(
              ([k, v]) => `${k}=${v?.toString() ?? ''}`,
            );
            records.push(
              [message.key?.toString() ?? '', ...headers, message.value?.toString() ?? ''].join('\n'),
            );
            if (records.length >= expected) resolve();
          },
        })
        .catch(reject);
    });
  } finally {
    await consumer.disconnect();
  }
  return records;
}

/** Every event of the topic with its personal values opened, as the ledger's key holder reads them. */
export async function readOpenedEvents(config: LedgerConfig): Promise<LedgerEvent[]> {
  const client = new MongoClient(config.mongo.uri);
  try {
    const store = new MongoDataKeyStore(client.db(config.mongo.database));
    const vault = new PersonalDataVault(store, deriveKeys(config.masterKey!).wrapping);
    return await Promise.all((await readAllEvents(config)).map((event) => openPersonalData(event, vault)));
  } finally {
    await client.close();
  }
}
