import { randomBytes } from 'node:crypto';
import type { LedgerConfig } from '@ledger/config';
import {
  decodeEvent,
  deriveKeys,
  encodeEvent,
  eventSignerOf,
  IdentifierHasher,
  PersonalDataVault,
} from '@ledger/contracts';
import {
  isSealed,
  sealPersonalData,
  SUBJECT_REGISTERED,
  type LedgerEvent,
  type PersonalDataCipher,
  type SubjectRegistered,
} from '@ledger/domain';
import { createKafka, deadLetterTopicOf, ensureEventsTopic, lastOffsets } from '@ledger/kafka';
import { MongoDataKeyStore, type MongoConnection } from '@ledger/mongo';

export interface SealCopyResult {
  copied: number;
  sealed: number;
  /** Records that were not events (they went to the new topic's dead letters, as they were). */
  undecodable: number;
}

/**
 * The one-off migration of a log written before personal data was sealed: every record of the
 * events topic, in order, copied to `target` with its personal values sealed (each person's data
 * key created as for a write) and registrations given their identifier hashes. A person whose key
 * was destroyed (erased since) has their values sealed with a key thrown away at once: unreadable.
 * Point LEDGER_EVENTS_TOPIC at the target, rebuild the read models, then delete the old topic.
 */
export async function sealTopicCopy(
  config: LedgerConfig,
  mongo: MongoConnection,
  target: string,
  onProgress: (done: number, total: number) => void = () => undefined,
): Promise<SealCopyResult> {
  if (config.masterKey === undefined) throw new Error('LEDGER_MASTER_KEY is required');
  const keys = deriveKeys(config.masterKey);
  const vault = new PersonalDataVault(new MongoDataKeyStore(mongo.db), keys.wrapping);
  const hasher = new IdentifierHasher(keys.identifiers);
  const signer = eventSignerOf(config);
  const kafka = createKafka(config.kafka);
  const source = config.kafka.eventsTopic;
  const sourceEnd = await lastOffsets(kafka, source);
  const total = [...sourceEnd.values()].reduce((sum, offset) => sum + offset + 1, 0);
  const partitions = sourceEnd.size;
  for (const topic of [target, deadLetterTopicOf(target)]) {
    await ensureEventsTopic(kafka, {
      topic,
      partitions,
      replicationFactor: config.kafka.replicationFactor,
      minInsyncReplicas: config.kafka.minInsyncReplicas,
    });
  }
  const targetEnd = await lastOffsets(kafka, target);
  if ([...targetEnd.values()].some((offset) => offset >= 0)) {
    throw new Error(`${target} already holds records: copy into a new, empty topic`);
  }

  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
  const groupId = `seal-copy.${target}`;
  const consumer = kafka.consumer({ groupId });
  const result: SealCopyResult = { copied: 0, sealed: 0, undecodable: 0 };
  const done = new Map<number, number>();
  await producer.connect();
  await consumer.connect();
  try {
    await consumer.subscribe({ topic: source, fromBeginning: true });
    await new Promise<void>((resolve, reject) => {
      const finished = () =>
        [...sourceEnd].every(([partition, last]) => last < 0 || (done.get(partition) ?? -1) >= last);
      if (finished()) resolve();
      consumer
        .run({
          // One batch at a time per partition, sent before the next: each subject's order is kept.
          eachBatch: async ({ batch }) => {
            const last = sourceEnd.get(batch.partition) ?? -1;
            const events: Array<{ key: string; value: Buffer; headers: Record<string, string> }> = [];
            const dead: Array<{ key: string | null; value: Buffer | null; headers: Record<string, string> }> =
              [];
            for (const message of batch.messages) {
              if (Number(message.offset) > last) break;
              const headers = Object.fromEntries(
                Object.entries(message.headers ?? {}).map(([k, v]) => [k, v?.toString() ?? '']),
              );
              const raw = { key: message.key?.toString() ?? null, value: message.value, headers };
              let event: LedgerEvent;
              try {
                event = decodeEvent(raw);
              } catch {
                dead.push(raw);
                continue;
              }
              const wasSealed = (event as { sealed?: true }).sealed === true;
              const copy = wasSealed ? event : await sealed(withIdentifierKeys(event, hasher), vault);
              if (!wasSealed) result.sealed++;
              // Signed by the ledger's key as it is copied: the copy verifies like any new event.
              const wire = encodeEvent(signer.sign(copy));
              events.push({ key: wire.key, value: wire.value, headers: wire.headers });
            }
            if (events.length > 0) {
              await producer.send({
                topic: target,
                messages: events.map((m) => ({ ...m, partition: batch.partition })),
              });
            }
            if (dead.length > 0) {
              await producer.send({
                topic: deadLetterTopicOf(target),
                messages: dead.map((m) => ({ ...m, partition: batch.partition })),
              });
            }
            result.copied += events.length;
            result.undecodable += dead.length;
            done.set(batch.partition, Math.min(last, Number(batch.lastOffset())));
            onProgress(result.copied + result.undecodable, total);
            if (finished()) resolve();
          },
        })
        .catch(reject);
    });
  } finally {
    await consumer.disconnect();
    await producer.disconnect();
    const admin = kafka.admin();
    await admin.connect();
    await admin.deleteGroups([groupId]).catch(() => undefined);
    await admin.disconnect();
  }
  return result;
}

/** Registrations from before the edge hashed identifiers get their hashes (as the projector computes them). */
function withIdentifierKeys(event: LedgerEvent, hasher: IdentifierHasher): LedgerEvent {
  if (event.type !== SUBJECT_REGISTERED) return event;
  const registered = event as SubjectRegistered;
  if (registered.data.identifierKeys !== undefined) return event;
  const { identifiers } = registered.data;
  if ([...identifiers.emails, ...identifiers.phones, identifiers.memberNumber].some(isSealed)) return event;
  return { ...registered, data: { ...registered.data, identifierKeys: hasher.hashAll(identifiers) } };
}

/** Sealed with the owner's key; with a key thrown away when the owner was erased since. */
async function sealed(event: LedgerEvent, vault: PersonalDataVault): Promise<LedgerEvent> {
  const erasedOwners = new Set<string>();
  const cipher: PersonalDataCipher = {
    seal: async (owner, value) => {
      if (erasedOwners.has(owner) || (await vault.isErased(owner))) {
        erasedOwners.add(owner);
        return new PersonalDataVault(throwaway(), randomBytes(32)).seal(owner, value);
      }
      return vault.seal(owner, value);
    },
    open: (owner, value) => vault.open(owner, value),
  };
  return sealPersonalData(event, cipher);
}

/** A key store that forgets: what is sealed with it can never be opened. */
function throwaway() {
  return {
    find: async () => undefined,
    create: async (subjectId: string, wrapped: string, createdAt: string) => ({
      subjectId,
      wrapped,
      createdAt,
    }),
    destroy: async () => undefined,
  };
}
