import { Injectable } from '@nestjs/common';
import { refuseRightsRequest } from '@ledger/domain';
import type { WriteContext } from '../../writes/write-context';
import { RightsRequestStep } from '../rights-request-step';
import type { RefuseRightsRequestBody } from './refuse-rights-request.dto';

/** Manifestly unfounded or excessive, justified: it leaves the board's open list. */
@Injectable()
export class RefuseRightsRequestHandler {
  constructor(private readonly step: RightsRequestStep) {}

  async execute(requestId: string, body: RefuseRightsRequestBody, write: WriteContext) {
    const { request, ...ack } = await this.step.take(requestId, write, (current, from, context) =>
      refuseRightsRequest(
        current,
        { ...from, reason: body.reason, justification: body.justification },
        context,
      ),
    );
    return { requestId, status: request.status, ...ack };
  }
}
