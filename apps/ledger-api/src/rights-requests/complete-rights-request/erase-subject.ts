import { Inject, Injectable } from '@nestjs/common';
import type { PersonalDataVault } from '@ledger/contracts';
import { PERSONAL_DATA } from '../../tokens';
import { eraseSubject, suppressionOf, type RightsRequest } from '@ledger/domain';
import { ReadModelFreshness } from '../../read-side/read-model-freshness';
import { SubjectReader } from '../../read-side/subject-reader';
import { EventWriter, type WriteAcknowledgement } from '../../writes/event-writer';
import type { WriteContext } from '../../writes/write-context';
import { dpoProvenance } from '../rights-request-step';

/**
 * Completing an erasure request erases the person: `SubjectErased` carries what must outlive
 * them (their identifiers' keyed hashes and standing oppositions), and the projector destroys
 * their data key and purges the read models before this answers.
 */
@Injectable()
export class EraseSubject {
  constructor(
    private readonly writer: EventWriter,
    private readonly freshness: ReadModelFreshness,
    private readonly subjects: SubjectReader,
    @Inject(PERSONAL_DATA) private readonly vault: PersonalDataVault,
  ) {}

  async execute(
    request: RightsRequest,
    write: WriteContext,
  ): Promise<{ erasedAt: string; eventId?: string; position?: string }> {
    await this.freshness.ensureFresh();
    const { record } = await this.subjects.resolve({ subjectId: request.subjectId });
    if (record?.erasedAt !== undefined) return { erasedAt: record.erasedAt };
    // Its own key: the completion step already used the caller's.
    const erasureWrite: WriteContext =
      write.idempotencyKey === undefined
        ? write
        : { ...write, idempotencyKey: `${write.idempotencyKey}#erasure` };
    let recordedAt = '';
    const ack: WriteAcknowledgement = await this.writer.record((context) => {
      recordedAt = context.now;
      return eraseSubject(
        {
          ...dpoProvenance(write),
          subjectId: request.subjectId,
          requestId: request.requestId,
          suppression: record ? suppressionOf(record) : { identifierKeys: [], oppositions: [] },
        },
        context,
      );
    }, erasureWrite);
    // The projector destroyed the key before this answer: this process forgets its copy now.
    this.vault.forget(request.subjectId);
    return { erasedAt: recordedAt, ...ack };
  }
}
