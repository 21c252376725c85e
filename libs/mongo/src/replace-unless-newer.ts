import { MongoBulkWriteError, type Collection, type Document } from 'mongodb';
import type { LogPosition } from '@ledger/domain';
import { DUPLICATE_KEY } from './duplicate-key';

/** partition:offset, zero-padded, so that string order is log order. */
export const positionKey = ({ partition, offset }: LogPosition): string =>
  `${String(partition).padStart(6, '0')}:${offset.padStart(20, '0')}`;

/**
 * Writes each document by `_id` unless the stored one came from a later event (its `position`):
 * a replayed or late batch never moves a read model back. The upsert that meets a newer
 * document collides on `_id`, and that newer one stands.
 */
export async function replaceUnlessNewer<T extends Document & { position: string }>(
  collection: Collection<T & { _id: string }>,
  documents: Array<{ _id: string; document: T }>,
): Promise<void> {
  if (documents.length === 0) return;
  const operations = documents.map(({ _id, document }) => ({
    replaceOne: {
      filter: { _id, position: { $lte: document.position } },
      replacement: document,
      upsert: true,
    },
  }));
  try {
    await collection.bulkWrite(operations as never, { ordered: false });
  } catch (error) {
    if (!(error instanceof MongoBulkWriteError)) throw error;
    const errors = Array.isArray(error.writeErrors) ? error.writeErrors : [error.writeErrors];
    if (errors.some((e) => e.code !== DUPLICATE_KEY)) throw error;
  }
}
