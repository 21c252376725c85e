import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { EVENT_BATCH, type EventBatch } from '../transport/kafka-batch.transport';
import { LedgerProjection } from './ledger-projection';

@Controller()
export class ProjectionController {
  constructor(private readonly projection: LedgerProjection) {}

  @EventPattern(EVENT_BATCH)
  apply(@Payload() batch: EventBatch): Promise<void> {
    return this.projection.handleBatch(batch.events, batch.undecodable);
  }
}
