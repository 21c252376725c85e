import { Body, Post } from '@nestjs/common';
import { ApiCreatedResponse } from '@nestjs/swagger';
import { ApiResource } from '../../http/api-resource';
import { Write, type WriteContext } from '../../writes/write-context';
import { TransferToPartnerBody } from './transfer-to-partner.dto';
import { TransferToPartnerHandler } from './transfer-to-partner.handler';

@ApiResource('partner-transfers', 'v1/partner-transfers')
export class TransferToPartnerController {
  constructor(private readonly handler: TransferToPartnerHandler) {}

  @Post()
  @ApiCreatedResponse({ description: 'the manifest: sent list, its sha256, counts, policy version' })
  transfer(@Body() body: TransferToPartnerBody, @Write() write: WriteContext) {
    return this.handler.execute(body, write);
  }
}
