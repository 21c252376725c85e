import { checkCanvassingGuards, D223_9_GUARDS, localTime } from './canvassing-guards';
import { frenchPublicHolidays } from './french-public-holidays';

describe('French public holidays', () => {
  it.each([
    [
      2026,
      [
        '2026-01-01',
        '2026-04-06',
        '2026-05-01',
        '2026-05-08',
        '2026-05-14',
        '2026-05-25',
        '2026-07-14',
        '2026-08-15',
        '2026-11-01',
        '2026-11-11',
        '2026-12-25',
      ],
    ],
    [
      2027,
      [
        '2027-01-01',
        '2027-03-29',
        '2027-05-01',
        '2027-05-06',
        '2027-05-08',
        '2027-05-17',
        '2027-07-14',
        '2027-08-15',
        '2027-11-01',
        '2027-11-11',
        '2027-12-25',
      ],
    ],
  ])('lists the eleven of %i', (year, expected) => expect(frenchPublicHolidays(year)).toEqual(expected));

  // Issue 13, finding 8: the calendars that add days to the eleven.
  it.each([
    ['alsace-moselle', 2027, ['2027-03-26', '2027-12-26']],
    ['alsace-moselle', 2026, ['2026-04-03', '2026-12-26']],
    ['martinique', 2027, ['2027-05-22']],
    ['guadeloupe', 2027, ['2027-05-27']],
    ['guyane', 2027, ['2027-06-10']],
    ['la-reunion', 2027, ['2027-12-20']],
    ['mayotte', 2027, ['2027-04-27']],
  ] as const)('%s adds its days in %i', (calendar, year, added) => {
    const days = frenchPublicHolidays(year, calendar);
    expect(days.filter((day) => !frenchPublicHolidays(year).includes(day))).toEqual(added);
    expect(days).toHaveLength(11 + added.length);
  });
});

describe('calling hours where the person lives', () => {
  const reunion = { timeZone: 'Indian/Reunion', holidayCalendar: 'la-reunion' as const };
  it('11:30 in La Réunion is 08:30 in Paris: inside the hours there, outside in Paris', () => {
    const at = '2026-12-15T07:30:00.000Z';
    expect(checkCanvassingGuards(D223_9_GUARDS, at, [], reunion)).toEqual({ allowed: true });
    expect(checkCanvassingGuards(D223_9_GUARDS, at, [])).toMatchObject({ allowed: false });
  });
  it('20 December is a public holiday in La Réunion only', () => {
    const at = '2027-12-20T07:30:00.000Z'; // Monday, 11:30 in La Réunion
    expect(checkCanvassingGuards(D223_9_GUARDS, at, [], reunion)).toEqual({
      allowed: false,
      reason: 'outside_calling_hours',
    });
    expect(
      checkCanvassingGuards(D223_9_GUARDS, '2027-12-20T10:30:00.000Z', [], {
        timeZone: 'Europe/Paris',
        holidayCalendar: 'metropolitan',
      }),
    ).toEqual({ allowed: true });
  });
  it('Good Friday is a holiday in Alsace-Moselle, not in Paris', () => {
    const at = '2027-03-26T09:30:00.000Z'; // Friday 10:30 in Strasbourg and Paris
    const alsace = { timeZone: 'Europe/Paris', holidayCalendar: 'alsace-moselle' as const };
    expect(checkCanvassingGuards(D223_9_GUARDS, at, [], alsace)).toMatchObject({ allowed: false });
    expect(checkCanvassingGuards(D223_9_GUARDS, at, [])).toEqual({ allowed: true });
  });
});

describe('canvassing call guards (D.223-9), Europe/Paris', () => {
  const at = (instant: string, attempts: string[] = []) =>
    checkCanvassingGuards(D223_9_GUARDS, instant, attempts);

  it.each([
    ['Tuesday 10:00 Paris in winter (09:00Z)', '2026-11-24T09:00:00Z', true],
    ['Tuesday 09:59 Paris in winter', '2026-11-24T08:59:00Z', false],
    ['Tuesday 12:59 Paris', '2026-11-24T11:59:00Z', true],
    ['Tuesday 13:30 Paris, lunch break', '2026-11-24T12:30:00Z', false],
    ['Tuesday 19:59 Paris', '2026-11-24T18:59:00Z', true],
    ['Tuesday 20:00 Paris', '2026-11-24T19:00:00Z', false],
    ['Saturday 11:00 Paris', '2026-11-28T10:00:00Z', false],
    ['Sunday 11:00 Paris', '2026-11-29T10:00:00Z', false],
    ['Armistice day, Wednesday 11 November 11:00', '2026-11-11T10:00:00Z', false],
    ['Easter Monday 2027, 11:00', '2027-03-29T09:00:00Z', false],
    // Summer time ends on 25 October 2026: 09:30Z is 11:30 in summer, 10:30 in winter.
    ['Friday 23 October 08:30Z = 10:30 summer time', '2026-10-23T08:30:00Z', true],
    ['Monday 26 October 08:30Z = 09:30 winter time', '2026-10-26T08:30:00Z', false],
    ['Monday 26 October 09:30Z = 10:30 winter time', '2026-10-26T09:30:00Z', true],
    // Summer time starts on 29 March 2026: 18:30Z is 19:30 winter, 20:30 summer.
    ['Friday 27 March 18:30Z = 19:30 winter time', '2026-03-27T18:30:00Z', true],
    ['Monday 30 March 18:30Z = 20:30 summer time', '2026-03-30T18:30:00Z', false],
  ])('%s → %s', (_name, instant, allowed) => {
    expect(at(instant)).toEqual(
      allowed ? { allowed: true } : { allowed: false, reason: 'outside_calling_hours' },
    );
  });

  it('allows four attempts in 30 days and refuses the fifth', () => {
    const attempts = ['2026-11-02T09:00:00Z', '2026-11-09T09:00:00Z', '2026-11-16T09:00:00Z'];
    expect(at('2026-11-24T09:00:00Z', attempts)).toEqual({ allowed: true });
    expect(at('2026-11-24T09:00:00Z', [...attempts, '2026-11-23T09:00:00Z'])).toEqual({
      allowed: false,
      reason: 'attempt_limit_reached',
    });
  });

  it('forgets attempts older than 30 days', () => {
    const old = [
      '2026-10-01T09:00:00Z',
      '2026-10-02T09:00:00Z',
      '2026-10-05T09:00:00Z',
      '2026-10-06T09:00:00Z',
    ];
    expect(at('2026-11-24T09:00:00Z', old)).toEqual({ allowed: true });
  });

  it('reads wall-clock time across the DST change', () => {
    expect(localTime('2026-10-25T00:30:00Z', 'Europe/Paris')).toEqual({
      date: '2026-10-25',
      weekday: 7,
      minute: 2 * 60 + 30,
    });
    expect(localTime('2026-10-25T01:30:00Z', 'Europe/Paris')).toEqual({
      date: '2026-10-25',
      weekday: 7,
      minute: 2 * 60 + 30,
    });
  });
});
