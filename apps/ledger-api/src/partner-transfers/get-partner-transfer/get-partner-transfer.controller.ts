import { Get, Param } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { IsUUID } from 'class-validator';
import { LedgerError } from '@ledger/domain';
import { ApiResource } from '../../http/api-resource';
import { ActiveReadModels } from '../../read-side/active-read-models';

export class TransferIdParam {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  transferId!: string;
}

@ApiResource('partner-transfers', 'v1/partner-transfers')
export class GetPartnerTransferController {
  constructor(private readonly readModels: ActiveReadModels) {}

  /** What was sent to whom, when, under which policy version, and why each contact was allowed. */
  @Get(':transferId')
  async manifest(@Param() { transferId }: TransferIdParam) {
    const manifest = await (await this.readModels.stores()).partnerTransfers.find(transferId);
    if (!manifest) throw new LedgerError('not_found', `No partner transfer ${transferId}`);
    return manifest;
  }
}
