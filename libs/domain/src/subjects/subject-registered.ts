import type { LedgerEvent } from '../events/ledger-event';
import { recordEvent, type CommandProvenance, type RecordingContext } from '../events/record-event';
import type { SubjectKind } from './subject-kind';

export const SUBJECT_REGISTERED = 'SubjectRegistered';

/** Identifiers arrive normalised (lower-cased email, E.164 phone) from the edge. */
export interface SubjectIdentifiers {
  emails: string[];
  phones: string[];
  memberNumber?: string;
}

export interface SubjectRegisteredData {
  kind: SubjectKind;
  identifiers: SubjectIdentifiers;
}

export type SubjectRegistered = LedgerEvent<typeof SUBJECT_REGISTERED, SubjectRegisteredData>;

export interface RegisterSubject extends CommandProvenance {
  kind: SubjectKind;
  identifiers: SubjectIdentifiers;
}

/** Identifier keys as the identifier index stores them: one namespace per kind of identifier. */
export function identifierKeys(identifiers: SubjectIdentifiers): string[] {
  return [
    ...identifiers.emails.map((email) => `email:${email}`),
    ...identifiers.phones.map((phone) => `phone:${phone}`),
    ...(identifiers.memberNumber !== undefined ? [`member:${identifiers.memberNumber}`] : []),
  ];
}

export function registerSubject(command: RegisterSubject, context: RecordingContext): SubjectRegistered {
  const unique = (values: string[]) => [...new Set(values)];
  return recordEvent(
    SUBJECT_REGISTERED,
    1,
    command,
    {
      kind: command.kind,
      identifiers: {
        emails: unique(command.identifiers.emails),
        phones: unique(command.identifiers.phones),
        ...(command.identifiers.memberNumber !== undefined
          ? { memberNumber: command.identifiers.memberNumber }
          : {}),
      },
    },
    context,
  );
}
