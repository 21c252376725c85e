import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { isEmail } from 'class-validator';
import { domainToASCII, domainToUnicode } from 'node:url';
import { LedgerError, type SubjectIdentifiers } from '@ledger/domain';

export interface RawIdentifiers {
  emails?: string[];
  phones?: string[];
  memberNumber?: string;
}

/** What a phone may be written with, before it is parsed (documented as the schema's pattern). */
export const PHONE_CHARACTERS = /^[+0-9 ().-]{3,40}$/;

/**
 * One spelling per address: Unicode NFC and lower case, the domain through IDNA (UTS #46), so
 * `é` typed as e + combining accent, `EXAMPLE.fr` and `xn--…` all find the same recorded subject.
 */
export function normalizeEmail(raw: string): string | undefined {
  const email = raw.trim().normalize('NFC');
  const at = email.lastIndexOf('@');
  if (at <= 0) return undefined;
  const ascii = domainToASCII(email.slice(at + 1));
  if (ascii === '') return undefined;
  const normalized = `${email.slice(0, at).toLowerCase()}@${domainToUnicode(ascii)}`;
  return isEmail(normalized, { allow_utf8_local_part: true }) ? normalized : undefined;
}

/** E.164, national numbers read as French; `max` metadata checks the number really exists. */
export function normalizePhone(raw: string): string | undefined {
  const phone = parsePhoneNumberFromString(raw.trim(), 'FR');
  return phone?.isValid() ? phone.number : undefined;
}

/** Normalises every identifier, reporting all invalid ones at once. */
export function normalizeIdentifiers(raw: RawIdentifiers | undefined): SubjectIdentifiers {
  const problems: Array<{ field: string; problems: string[] }> = [];
  const emails = (raw?.emails ?? []).map((value, i) => {
    const email = normalizeEmail(value);
    if (email === undefined)
      problems.push({ field: `identifiers.emails.${i}`, problems: ['not a valid email address'] });
    return email ?? '';
  });
  const phones = (raw?.phones ?? []).map((value, i) => {
    const phone = normalizePhone(value);
    if (phone === undefined)
      problems.push({ field: `identifiers.phones.${i}`, problems: ['not a valid phone number'] });
    return phone ?? '';
  });
  if (problems.length > 0) {
    throw new LedgerError('validation_failed', 'One or more identifiers are invalid', { errors: problems });
  }
  return {
    emails: [...new Set(emails)],
    phones: [...new Set(phones)],
    ...(raw?.memberNumber !== undefined ? { memberNumber: raw.memberNumber.trim() } : {}),
  };
}
