import { Inject, Injectable } from '@nestjs/common';
import type { IdentifierHasher } from '@ledger/contracts';
import { identifierKeys, LedgerError, registerSubject } from '@ledger/domain';
import { ActiveReadModels } from '../../read-side/active-read-models';
import { tokensOf } from '../../read-side/consistent-with';
import { ReadModelFreshness } from '../../read-side/read-model-freshness';
import { EventWriter, type WriteAcknowledgement } from '../../writes/event-writer';
import { provenance } from '../../writes/provenance.dto';
import type { WriteContext } from '../../writes/write-context';
import { normalizeIdentifiers } from '../../identifiers/normalize-identifiers';
import type { RegisterSubjectBody } from './register-subject.dto';
import { IDENTIFIER_HASHER } from '../../tokens';

@Injectable()
export class RegisterSubjectHandler {
  constructor(
    private readonly writer: EventWriter,
    private readonly freshness: ReadModelFreshness,
    private readonly readModels: ActiveReadModels,
    @Inject(IDENTIFIER_HASHER) private readonly hasher: IdentifierHasher,
  ) {}

  async execute(
    subjectId: string,
    body: RegisterSubjectBody,
    write: WriteContext,
  ): Promise<WriteAcknowledgement> {
    const identifiers = normalizeIdentifiers(body.identifiers);
    const earlier = await this.writer.earlierAnswer(write);
    if (earlier) return earlier;
    // The index holds keyed hashes, never the identifiers: the check compares hashes.
    const hashed = this.hasher.hashAll(identifiers);
    const keys = identifierKeys(hashed);
    const fields = [
      ...identifiers.emails.map((_, i) => `identifiers.emails.${i}`),
      ...identifiers.phones.map((_, i) => `identifiers.phones.${i}`),
      ...(identifiers.memberNumber !== undefined ? ['identifiers.memberNumber'] : []),
    ];
    if (keys.length > 0) {
      // The index as projected (plus any writes named): no wait for the whole read side on every
      // registration. A claim still in flight is settled by the projector's first-owner rule,
      // which records the later subject without the identifier.
      await this.freshness.waitForTokens(tokensOf(body.consistentWith));
      const owners = await (await this.readModels.stores()).identifiers.owners(keys);
      const taken = fields.filter((_, i) => owners.has(keys[i]) && owners.get(keys[i]) !== subjectId);
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
            identifierKeys: hashed,
            ...(body.timeZone !== undefined ? { timeZone: body.timeZone } : {}),
            ...(body.holidayCalendar !== undefined ? { holidayCalendar: body.holidayCalendar } : {}),
          },
          context,
        ),
      write,
    );
  }
}
