import { Injectable } from '@nestjs/common';
import {
  LedgerError,
  type CommandProvenance,
  type LedgerEvent,
  type RecordingContext,
  type RightsRequest,
} from '@ledger/domain';
import { ActiveReadModels } from '../read-side/active-read-models';
import { ReadModelFreshness } from '../read-side/read-model-freshness';
import { EventWriter, type WriteAcknowledgement } from '../writes/event-writer';
import type { WriteContext } from '../writes/write-context';

/** Who takes a step on a request: the DPO's office, through its API client. */
const dpoProvenance = (write: WriteContext): Omit<CommandProvenance, 'subjectId'> => ({
  actor: { type: 'agent' },
  source: { collectionPoint: 'rights-requests', method: 'api', client: write.principal.name },
});

/**
 * A step on a received request (extension, completion, refusal): read the request as it stands
 * (every acknowledged step included), let the domain decide, record the step.
 */
@Injectable()
export class RightsRequestStep {
  constructor(
    private readonly writer: EventWriter,
    private readonly freshness: ReadModelFreshness,
    private readonly readModels: ActiveReadModels,
  ) {}

  /** The request as it stands (every acknowledged step included); 404 when unknown. */
  async find(requestId: string): Promise<RightsRequest> {
    await this.freshness.ensureFresh();
    const request = await (await this.readModels.stores()).rightsRequests.find(requestId);
    if (!request) throw new LedgerError('not_found', `No rights request ${requestId}`);
    return request;
  }

  async take(
    requestId: string,
    write: WriteContext,
    step: (request: RightsRequest, from: CommandProvenance, context: RecordingContext) => LedgerEvent,
  ): Promise<WriteAcknowledgement & { request: RightsRequest }> {
    const earlier = await this.writer.earlierAnswer(write);
    await this.freshness.ensureFresh();
    const rights = (await this.readModels.stores()).rightsRequests;
    const request = await rights.find(requestId);
    if (!request) throw new LedgerError('not_found', `No rights request ${requestId}`);
    if (earlier) return { ...earlier, request };
    const from = { ...dpoProvenance(write), subjectId: request.subjectId };
    const ack = await this.writer.record((context) => step(request, from, context), write);
    return { ...ack, request: (await rights.find(requestId)) ?? request };
  }
}

export { dpoProvenance };
