import { Injectable } from '@nestjs/common';
import { completeRightsRequest } from '@ledger/domain';
import type { WriteContext } from '../../writes/write-context';
import { RightsRequestStep } from '../rights-request-step';
import { EraseSubject } from './erase-subject';

/** The request was answered: it leaves the board's open list; an erasure request erases the person. */
@Injectable()
export class CompleteRightsRequestHandler {
  constructor(
    private readonly step: RightsRequestStep,
    private readonly erase: EraseSubject,
  ) {}

  async execute(requestId: string, write: WriteContext) {
    // An erasure completed before a crash, its person not yet erased, is finished here.
    const before = await this.step.find(requestId);
    const resumed = before.type === 'erasure' && before.status === 'completed';
    const { request, ...ack } = resumed
      ? { request: before }
      : await this.step.take(requestId, write, completeRightsRequest);
    const erasure = request.type === 'erasure' ? { erasure: await this.erase.execute(request, write) } : {};
    return { requestId, status: request.status, ...ack, ...erasure };
  }
}
