import { Injectable } from '@nestjs/common';
import { extendRightsRequest } from '@ledger/domain';
import type { WriteContext } from '../../writes/write-context';
import { RightsRequestStep } from '../rights-request-step';
import type { ExtendRightsRequestBody } from './extend-rights-request.dto';

/** Once, with a reason, while the first month runs: the answer is then due three months from receipt. */
@Injectable()
export class ExtendRightsRequestHandler {
  constructor(private readonly step: RightsRequestStep) {}

  async execute(requestId: string, body: ExtendRightsRequestBody, write: WriteContext) {
    const { request, ...ack } = await this.step.take(requestId, write, (current, from, context) =>
      extendRightsRequest(current, { ...from, reason: body.reason }, context),
    );
    return { requestId, dueAt: request.dueAt, ...ack };
  }
}
