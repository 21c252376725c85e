import { Injectable } from '@nestjs/common';
import { LedgerError } from '@ledger/domain';
import { ActiveReadModels } from '../../read-side/active-read-models';
import { PersonalDataReader } from '../../read-side/personal-data-reader';

/** What was sent to whom, when, under which policy version, and why each contact was allowed. */
@Injectable()
export class GetPartnerTransferHandler {
  constructor(
    private readonly readModels: ActiveReadModels,
    private readonly personalData: PersonalDataReader,
  ) {}

  async execute(transferId: string) {
    const manifest = await (await this.readModels.stores()).partnerTransfers.find(transferId);
    if (!manifest) throw new LedgerError('not_found', `No partner transfer ${transferId}`);
    return this.personalData.manifest(manifest);
  }
}
