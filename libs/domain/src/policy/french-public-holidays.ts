/** Easter Sunday (Gregorian), by the anonymous (Meeus/Jones/Butcher) algorithm. */
function easterSunday(year: number): { month: number; day: number } {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return { month, day };
}

const iso = (year: number, month: number, day: number): string =>
  `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;

function plusDays(year: number, month: number, day: number, days: number): string {
  const date = new Date(Date.UTC(year, month - 1, day + days));
  return iso(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate());
}

/** Where a person lives, as far as public holidays go: metropolitan France, or a calendar with more days. */
export const HOLIDAY_CALENDARS = [
  'metropolitan',
  'alsace-moselle',
  'guadeloupe',
  'martinique',
  'guyane',
  'la-reunion',
  'mayotte',
] as const;
export type HolidayCalendar = (typeof HOLIDAY_CALENDARS)[number];

/**
 * The days a calendar adds to the eleven: Good Friday and 26 December in Alsace-Moselle (Code du
 * travail L.3134-13), the abolition of slavery in each overseas department (law n° 83-550).
 */
function localHolidays(
  year: number,
  calendar: HolidayCalendar,
  easter: { month: number; day: number },
): string[] {
  switch (calendar) {
    case 'alsace-moselle':
      return [plusDays(year, easter.month, easter.day, -2), iso(year, 12, 26)];
    case 'martinique':
      return [iso(year, 5, 22)];
    case 'guadeloupe':
      return [iso(year, 5, 27)];
    case 'guyane':
      return [iso(year, 6, 10)];
    case 'la-reunion':
      return [iso(year, 12, 20)];
    case 'mayotte':
      return [iso(year, 4, 27)];
    default:
      return [];
  }
}

/**
 * The French public holidays (Code du travail L.3133-1) of a year, as local dates (YYYY-MM-DD):
 * fixed dates plus Easter Monday, Ascension, Whit Monday, and the days the calendar adds.
 */
export function frenchPublicHolidays(year: number, calendar: HolidayCalendar = 'metropolitan'): string[] {
  const easter = easterSunday(year);
  return [
    ...localHolidays(year, calendar, easter),
    iso(year, 1, 1),
    plusDays(year, easter.month, easter.day, 1),
    iso(year, 5, 1),
    iso(year, 5, 8),
    plusDays(year, easter.month, easter.day, 39),
    plusDays(year, easter.month, easter.day, 50),
    iso(year, 7, 14),
    iso(year, 8, 15),
    iso(year, 11, 1),
    iso(year, 11, 11),
    iso(year, 12, 25),
  ].sort();
}
