import { frenchPublicHolidays, type HolidayCalendar } from './french-public-holidays';

/** Code de la consommation D.223-9, as policy data. */
export interface CanvassingGuards {
  timeZone: string;
  /** ISO weekdays allowed (1 = Monday … 7 = Sunday). */
  weekdays: number[];
  /** Local time windows, [from, to) in minutes after midnight. */
  windows: Array<[number, number]>;
  noPublicHolidays: boolean;
  maxAttempts: number;
  attemptWindowDays: number;
}

export const D223_9_GUARDS: CanvassingGuards = {
  timeZone: 'Europe/Paris',
  weekdays: [1, 2, 3, 4, 5],
  windows: [
    [10 * 60, 13 * 60],
    [14 * 60, 20 * 60],
  ],
  noPublicHolidays: true,
  maxAttempts: 4,
  attemptWindowDays: 30,
};

const WEEKDAYS: Record<string, number> = { Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6, Sun: 7 };

/** The wall-clock date, weekday and minute of an instant in a time zone (DST included). */
export function localTime(at: string, timeZone: string): { date: string; weekday: number; minute: number } {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      weekday: 'short',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(new Date(at))
      .map((part) => [part.type, part.value]),
  );
  return {
    date: `${parts.year}-${parts.month}-${parts.day}`,
    weekday: WEEKDAYS[parts.weekday],
    minute: Number(parts.hour) * 60 + Number(parts.minute),
  };
}

export type GuardVerdict =
  { allowed: true } | { allowed: false; reason: 'outside_calling_hours' | 'attempt_limit_reached' };

/** Where the person called lives: their time zone and public holidays. */
export interface CalleeLocale {
  timeZone: string;
  holidayCalendar: HolidayCalendar;
}

/** May a canvassing call be placed at `at`, given earlier attempts' instants, where the person lives? */
export function checkCanvassingGuards(
  guards: CanvassingGuards,
  at: string,
  earlierAttempts: string[],
  locale: CalleeLocale = { timeZone: guards.timeZone, holidayCalendar: 'metropolitan' },
): GuardVerdict {
  const local = localTime(at, locale.timeZone);
  const inWindow = guards.windows.some(([from, to]) => local.minute >= from && local.minute < to);
  const holidays = frenchPublicHolidays(Number(local.date.slice(0, 4)), locale.holidayCalendar);
  const holiday = guards.noPublicHolidays && holidays.includes(local.date);
  if (!guards.weekdays.includes(local.weekday) || !inWindow || holiday) {
    return { allowed: false, reason: 'outside_calling_hours' };
  }
  const since = Date.parse(at) - guards.attemptWindowDays * 86_400_000;
  const recent = earlierAttempts.filter((t) => Date.parse(t) > since && Date.parse(t) <= Date.parse(at));
  if (recent.length >= guards.maxAttempts) return { allowed: false, reason: 'attempt_limit_reached' };
  return { allowed: true };
}
