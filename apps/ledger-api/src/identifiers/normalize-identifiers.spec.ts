import { LedgerError } from '@ledger/domain';
import { normalizeEmail, normalizeIdentifiers, normalizePhone } from './normalize-identifiers';

describe('identifier normalisation', () => {
  it.each([
    ['  Jean.Dupont@Example.FR ', 'jean.dupont@example.fr'],
    ['a@b.fr', 'a@b.fr'],
    // NFD (e + combining acute) and NFC spellings are one address; so are an IDN and its punycode.
    ['Ame\u0301lie@exa\u0301mple.fr', 'am\u00e9lie@ex\u00e1mple.fr'],
    ['am\u00e9lie@xn--exmple-qta.fr', 'am\u00e9lie@ex\u00e1mple.fr'],
    ['am\u00e9lie@EX\u00c1MPLE.fr', 'am\u00e9lie@ex\u00e1mple.fr'],
  ])('normalises the email %j', (raw, expected) => expect(normalizeEmail(raw)).toBe(expected));

  it.each(['not-an-email', 'a@', '@b.fr', 'a b@c.fr'])('rejects the email %j', (raw) =>
    expect(normalizeEmail(raw)).toBeUndefined(),
  );

  it.each([
    ['06 12 34 56 78', '+33612345678'],
    ['+33 6 12 34 56 78', '+33612345678'],
    ['0033612345678', '+33612345678'],
    ['01.23.45.67.89', '+33123456789'],
    ['+44 20 7946 0958', '+442079460958'],
  ])('parses the phone %j to E.164 (France by default)', (raw, expected) =>
    expect(normalizePhone(raw)).toBe(expected),
  );

  it.each(['12', '06 12', 'abcdef', '+33 0 00 00 00 00'])('rejects the phone %j', (raw) =>
    expect(normalizePhone(raw)).toBeUndefined(),
  );

  it('reports every invalid identifier by its field, and de-duplicates the valid ones', () => {
    expect(
      normalizeIdentifiers({ emails: ['A@b.fr', 'a@B.fr'], phones: ['0612345678', '+33612345678'] }),
    ).toEqual({
      emails: ['a@b.fr'],
      phones: ['+33612345678'],
    });
    let error: unknown;
    try {
      normalizeIdentifiers({ emails: ['ok@b.fr', 'bad'], phones: ['nope'] });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(LedgerError);
    expect((error as LedgerError).details).toEqual({
      errors: [
        { field: 'identifiers.emails.1', problems: ['not a valid email address'] },
        { field: 'identifiers.phones.0', problems: ['not a valid phone number'] },
      ],
    });
  });
});
