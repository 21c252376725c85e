import { Injectable } from '@nestjs/common';
import { establishRelationship, type CommandProvenance, type RecordingContext } from '@ledger/domain';
import { SubjectEventHandler } from '../../writes/subject-event.handler';
import type { EstablishRelationshipBody } from './establish-relationship.dto';

/** A contract the person holds: soft opt-in and "contrat en cours" hold while it runs. */
@Injectable()
export class EstablishRelationshipHandler extends SubjectEventHandler<EstablishRelationshipBody> {
  protected build(from: CommandProvenance, body: EstablishRelationshipBody, context: RecordingContext) {
    const { contractRef, productLine, startedAt } = body;
    return establishRelationship({ ...from, contractRef, productLine, startedAt }, context);
  }
}
