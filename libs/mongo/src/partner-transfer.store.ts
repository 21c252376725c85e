import type { Collection, Db } from 'mongodb';
import type { PartnerTransferManifest, PartnerTransfers, PartnerTransferSummary } from '@ledger/domain';
import { keysetPage } from './keyset-page';
import { COLLECTIONS } from './collections';
import { LazyIndex } from './lazy-index';

interface ManifestDocument extends Omit<PartnerTransferManifest, 'transferId'> {
  _id: string;
}

/** Transfer manifests by id; saving the same manifest again changes nothing. */
export class PartnerTransferStore implements PartnerTransfers {
  private readonly collection: Collection<ManifestDocument>;
  private readonly indexed: LazyIndex;

  constructor(db: Db, collectionName: string = COLLECTIONS.partnerTransfers) {
    this.collection = db.collection<ManifestDocument>(collectionName);
    this.indexed = new LazyIndex(this.collection, {
      decidedAt: -1,
      _id: -1,
    });
  }

  async save(manifests: PartnerTransferManifest[]): Promise<void> {
    if (manifests.length === 0) return;
    await this.collection.bulkWrite(
      manifests.map(({ transferId, ...rest }) => ({
        replaceOne: { filter: { _id: transferId }, replacement: rest, upsert: true },
      })),
    );
  }

  async find(transferId: string): Promise<PartnerTransferManifest | null> {
    const document = await this.collection.findOne({ _id: transferId });
    if (!document) return null;
    const { _id, ...rest } = document;
    return { transferId: _id, ...rest };
  }

  async *including(subjectId: string): AsyncGenerator<PartnerTransferManifest> {
    const manifests = this.collection
      .find({ 'sent.subjectId': subjectId }, { batchSize: 1 })
      .sort({ decidedAt: 1 });
    for await (const { _id, ...rest } of manifests) yield { transferId: _id, ...rest };
  }

  async list(
    limit: number,
    cursor?: string,
  ): Promise<{ transfers: PartnerTransferSummary[]; next?: string }> {
    await this.indexed.ensure();
    const page = await keysetPage(this.collection, {}, 'decidedAt', limit, cursor, {
      order: -1,
      projection: { sent: 0 },
    });
    return {
      transfers: page.rows.map(
        ({ _id, ...rest }) => ({ transferId: _id, ...rest }) as PartnerTransferSummary,
      ),
      ...(page.next !== undefined ? { next: page.next } : {}),
    };
  }
}
