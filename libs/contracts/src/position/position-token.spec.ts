import { decodePositionToken, encodePositionToken } from './position-token';

describe('position tokens', () => {
  it('round-trips a partition and offset, including offsets beyond 2^53', () => {
    for (const position of [
      { partition: 0, offset: '0' },
      { partition: 5, offset: '123456' },
      { partition: 999, offset: '9007199254740993' },
    ]) {
      expect(decodePositionToken(encodePositionToken(position))).toEqual(position);
    }
  });

  it('is opaque: URL-safe text without the raw numbers', () => {
    const token = encodePositionToken({ partition: 2, offset: '41' });
    expect(token).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(token).not.toContain('41');
  });

  it.each([
    '',
    'garbage',
    Buffer.from('p2:1:1').toString('base64url'),
    Buffer.from('p1:-1:1').toString('base64url'),
  ])('rejects %j', (token) => {
    expect(decodePositionToken(token)).toBeUndefined();
  });
});
