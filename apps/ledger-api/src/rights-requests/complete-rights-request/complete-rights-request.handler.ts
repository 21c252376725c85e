import { Injectable } from '@nestjs/common';
import { completeRightsRequest } from '@ledger/domain';
import type { WriteContext } from '../../writes/write-context';
import { RightsRequestStep } from '../rights-request-step';

/** The request was answered: it leaves the board's open list. */
@Injectable()
export class CompleteRightsRequestHandler {
  constructor(private readonly step: RightsRequestStep) {}

  async execute(requestId: string, write: WriteContext) {
    const { request, ...ack } = await this.step.take(requestId, write, completeRightsRequest);
    return { requestId, status: request.status, ...ack };
  }
}
