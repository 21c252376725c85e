import type { LedgerEvent } from '../events/ledger-event';
import { recordEvent, type CommandProvenance, type RecordingContext } from '../events/record-event';
import { LedgerError } from '../errors/ledger-error';
import type { HolidayCalendar } from '../policy/french-public-holidays';
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
  /** IANA time zone where the person lives (schema v2; default Europe/Paris). */
  timeZone?: string;
  /** Their public holidays (schema v2; default metropolitan). */
  holidayCalendar?: HolidayCalendar;
  /**
   * Schema v3: the keyed hashes (HMAC) of the identifiers, item for item, which the index and
   * lookups use; the identifiers themselves are sealed. Absent from older records.
   */
  identifierKeys?: SubjectIdentifiers;
}

/** Registrations are recorded in schema v3 (identifier hashes); v1 and v2 records read as v3. */
export const SUBJECT_REGISTERED_SCHEMA_VERSION = 3;

/** Whether the runtime knows this IANA time zone. */
export function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: name });
    return name.length > 0;
  } catch {
    return false;
  }
}

export type SubjectRegistered = LedgerEvent<typeof SUBJECT_REGISTERED, SubjectRegisteredData>;

export interface RegisterSubject extends CommandProvenance {
  kind: SubjectKind;
  identifiers: SubjectIdentifiers;
  /** The same identifiers, each replaced by its keyed hash (the API computes them; absent: hashed when projected). */
  identifierKeys?: SubjectIdentifiers;
  timeZone?: string;
  holidayCalendar?: HolidayCalendar;
}

/**
 * Identifier keys as the identifier index stores them: one namespace per kind of identifier,
 * from identifiers already hashed (`identifierKeys`), so the index never holds a raw value.
 */
export function identifierKeys(identifiers: SubjectIdentifiers): string[] {
  return [
    ...identifiers.emails.map((email) => `email:${email}`),
    ...identifiers.phones.map((phone) => `phone:${phone}`),
    ...(identifiers.memberNumber !== undefined ? [`member:${identifiers.memberNumber}`] : []),
  ];
}

/** Identifiers without repeats, their hashes (when given) kept item for item with them. */
function uniqueAligned(
  identifiers: SubjectIdentifiers,
  keys: SubjectIdentifiers | undefined,
): { identifiers: SubjectIdentifiers; identifierKeys?: SubjectIdentifiers } {
  const firsts = (values: string[]) =>
    values.map((v, i) => (values.indexOf(v) === i ? i : -1)).filter((i) => i >= 0);
  const emails = firsts(identifiers.emails);
  const phones = firsts(identifiers.phones);
  const member = identifiers.memberNumber !== undefined;
  return {
    identifiers: {
      emails: emails.map((i) => identifiers.emails[i]),
      phones: phones.map((i) => identifiers.phones[i]),
      ...(member ? { memberNumber: identifiers.memberNumber } : {}),
    },
    // Without hashes (an import, a test), the projector hashes the clear identifiers itself.
    ...(keys !== undefined
      ? {
          identifierKeys: {
            emails: emails.map((i) => keys.emails[i]),
            phones: phones.map((i) => keys.phones[i]),
            ...(member && keys.memberNumber !== undefined ? { memberNumber: keys.memberNumber } : {}),
          },
        }
      : {}),
  };
}

export function registerSubject(command: RegisterSubject, context: RecordingContext): SubjectRegistered {
  if (command.timeZone !== undefined && !isTimeZone(command.timeZone)) {
    const problem = 'timeZone must be an IANA time zone, such as Europe/Paris or America/Martinique';
    throw new LedgerError('validation_failed', problem, {
      errors: [{ field: 'timeZone', problems: [problem] }],
    });
  }
  return recordEvent(
    SUBJECT_REGISTERED,
    SUBJECT_REGISTERED_SCHEMA_VERSION,
    command,
    {
      kind: command.kind,
      ...uniqueAligned(command.identifiers, command.identifierKeys),
      ...(command.timeZone !== undefined ? { timeZone: command.timeZone } : {}),
      ...(command.holidayCalendar !== undefined ? { holidayCalendar: command.holidayCalendar } : {}),
    },
    context,
  );
}
