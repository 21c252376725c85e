import type { SubjectIdentifiers } from '@ledger/domain';

const maskEmail = (email: string): string => {
  const at = email.lastIndexOf('@');
  return `${email.slice(0, 1)}***${email.slice(at)}`;
};

const maskPhone = (phone: string): string =>
  `${phone.slice(0, 3)}${'*'.repeat(Math.max(0, phone.length - 5))}${phone.slice(-2)}`;

/**
 * What a caller without `rights:manage` sees of a subject's identifiers: enough to tell two
 * apart on a screen (first letter and domain, country code and last two digits), not to contact.
 */
export function maskIdentifiers(identifiers: SubjectIdentifiers): SubjectIdentifiers {
  return {
    emails: identifiers.emails.map(maskEmail),
    phones: identifiers.phones.map(maskPhone),
    ...(identifiers.memberNumber !== undefined
      ? { memberNumber: `***${identifiers.memberNumber.slice(-2)}` }
      : {}),
  };
}
