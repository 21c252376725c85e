import { maskIdentifiers } from './mask-identifiers';

describe('masked identifiers', () => {
  it('keeps enough to tell subjects apart, not to contact them', () => {
    expect(
      maskIdentifiers({
        emails: ['jean.dupont@example.fr'],
        phones: ['+33612345678'],
        memberNumber: 'M-12345',
      }),
    ).toEqual({ emails: ['j***@example.fr'], phones: ['+33*******78'], memberNumber: '***45' });
  });
});
