import { isTimestamp } from './timestamp';

describe('timestamps', () => {
  it.each([
    '2026-03-01T09:30:00Z',
    '2026-03-01T09:30:00.123456789+01:00',
    '2026-03-01t09:30:00z',
    '2024-02-29T00:00:00-05:30',
    '0007-08-17T02:46:33Z',
  ])('accepts %j', (value) => expect(isTimestamp(value)).toBe(true));

  it.each([
    ['no offset: read in the server zone otherwise', '2026-03-01T09:30:00'],
    ['a date only', '2026-03-01'],
    ['30 February', '2026-02-30T00:00:00Z'],
    ['29 February of a common year', '1900-02-29T00:00:00Z'],
    ['hour 24', '2026-03-01T24:00:00Z'],
    ['an offset past 23:59', '2026-03-01T09:30:00+24:00'],
    ['a space for T', '2026-03-01 09:30:00Z'],
  ])('refuses %s', (_why, value) => expect(isTimestamp(value)).toBe(false));
});
