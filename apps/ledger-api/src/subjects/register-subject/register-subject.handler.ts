import { Injectable } from '@nestjs/common';
import { identifierKeys, LedgerError, registerSubject } from '@ledger/domain';
import { ActiveReadModels } from '../../read-side/active-read-models';
import { tokensOf } from '../../read-side/consistent-with';
import { ReadModelFreshness } from '../../read-side/read-model-freshness';
import { EventWriter, type WriteAcknowledgement } from '../../writes/event-writer';
import { provenance } from '../../writes/provenance.dto';
import type { WriteContext } from '../../writes/write-context';
import { normalizeIdentifiers } from '../../identifiers/normalize-identifiers';
import type { RegisterSubjectBody } from './register-subject.dto';

@Injectable()
export class RegisterSubjectHandler {
  constructor(
    private readonly writer: EventWriter,
    private readonly freshness: ReadModelFreshness,
    private readonly readModels: ActiveReadModels,
  ) {}

  async execute(
    subjectId: string,
    body: RegisterSubjectBody,
    write: WriteContext,
  ): Promise<WriteAcknowledgement> {
    const identifiers = normalizeIdentifiers(body.identifiers);
    const earlier = await this.writer.earlierAnswer(write);
    if (earlier) return earlier;
    const keys = identifierKeys(identifiers);
    if (keys.length > 0) {
      // The index as projected (plus any writes named): no wait for the whole read side on every
      // registration. A claim still in flight is settled by the projector's first-owner rule,
      // which records the later subject without the identifier.
      await this.freshness.waitForTokens(tokensOf(body.consistentWith));
      const owners = await (await this.readModels.stores()).identifiers.owners(keys);
      const taken = keys.filter((key) => owners.has(key) && owners.get(key) !== subjectId);
      if (taken.length > 0) {
        throw new LedgerError('conflict', 'An identifier is already linked to another subject', {
          identifiers: taken,
        });
      }
    }
    return this.writer.record(
      (context) =>
        registerSubject(
          {
            ...provenance(subjectId, body, write.principal),
            kind: body.kind,
            identifiers,
            ...(body.timeZone !== undefined ? { timeZone: body.timeZone } : {}),
            ...(body.holidayCalendar !== undefined ? { holidayCalendar: body.holidayCalendar } : {}),
          },
          context,
        ),
      write,
    );
  }
}
