import { Injectable } from '@nestjs/common';
import { assertRelationshipKnown, endRelationship } from '@ledger/domain';
import { ReadModelFreshness } from '../../read-side/read-model-freshness';
import { SubjectReader } from '../../read-side/subject-reader';
import { EventWriter, type WriteAcknowledgement } from '../../writes/event-writer';
import { provenance } from '../../writes/provenance.dto';
import type { WriteContext } from '../../writes/write-context';
import type { EndRelationshipBody, RelationshipParams } from './end-relationship.dto';

/** The end of a contract the ledger knows of: from then on the person is a prospect unless another runs. */
@Injectable()
export class EndRelationshipHandler {
  constructor(
    private readonly writer: EventWriter,
    private readonly subjects: SubjectReader,
    private readonly freshness: ReadModelFreshness,
  ) {}

  async execute(
    params: RelationshipParams,
    body: EndRelationshipBody,
    write: WriteContext,
  ): Promise<WriteAcknowledgement> {
    const earlier = await this.writer.earlierAnswer(write);
    if (earlier) return earlier;
    await this.freshness.ensureFresh();
    const { record } = await this.subjects.resolve({ subjectId: params.subjectId });
    // The record keeps each contract's latest start: no history read, however long it is.
    assertRelationshipKnown(record?.retained ?? [], params.contractRef);
    const command = {
      ...provenance(params.subjectId, body, write.principal),
      contractRef: params.contractRef,
      endedAt: body.endedAt,
    };
    return this.writer.record((context) => endRelationship(command, context), write);
  }
}
