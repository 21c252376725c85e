import { Get, Param } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { IsUUID } from 'class-validator';
import { ApiResource } from '../../http/api-resource';
import { GetPartnerTransferHandler } from './get-partner-transfer.handler';

export class TransferIdParam {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  transferId!: string;
}

@ApiResource('partner-transfers', 'v1/partner-transfers')
export class GetPartnerTransferController {
  constructor(private readonly handler: GetPartnerTransferHandler) {}

  /** What was sent to whom, when, under which policy version, and why each contact was allowed. */
  @Get(':transferId')
  manifest(@Param() { transferId }: TransferIdParam) {
    return this.handler.execute(transferId);
  }
}
