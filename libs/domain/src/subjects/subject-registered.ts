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
}

/** Registrations are recorded in schema v2 (time zone and holiday calendar); v1 records read as v2. */
export const SUBJECT_REGISTERED_SCHEMA_VERSION = 2;

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
  timeZone?: string;
  holidayCalendar?: HolidayCalendar;
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
      identifiers: {
        emails: unique(command.identifiers.emails),
        phones: unique(command.identifiers.phones),
        ...(command.identifiers.memberNumber !== undefined
          ? { memberNumber: command.identifiers.memberNumber }
          : {}),
      },
      ...(command.timeZone !== undefined ? { timeZone: command.timeZone } : {}),
      ...(command.holidayCalendar !== undefined ? { holidayCalendar: command.holidayCalendar } : {}),
    },
    context,
  );
}
