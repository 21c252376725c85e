import { Injectable } from '@nestjs/common';
import type { CollectionMethod, CommandProvenance, LedgerEvent, RecordingContext } from '@ledger/domain';
import { EventWriter, type WriteAcknowledgement } from './event-writer';
import { provenance, type ProvenanceBody, type SourceDto } from './provenance.dto';
import type { WriteContext } from './write-context';

/**
 * The shape of most write use cases: one event about the subject of the path, built by the
 * domain from the body and its provenance, recorded through the one write pipeline.
 */
@Injectable()
export abstract class SubjectEventHandler<Body extends ProvenanceBody & { source?: SourceDto }> {
  /** Where the event was collected when the body does not say. */
  protected readonly defaultSource?: { collectionPoint: string; method: CollectionMethod };

  constructor(protected readonly writer: EventWriter) {}

  execute(subjectId: string, body: Body, write: WriteContext): Promise<WriteAcknowledgement> {
    const from = provenance(subjectId, body, write.principal, this.defaultSource);
    return this.writer.record((context) => this.build(from, body, context), write);
  }

  protected abstract build(from: CommandProvenance, body: Body, context: RecordingContext): LedgerEvent;
}
