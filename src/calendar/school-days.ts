/**
 * School days: Monday–Friday, minus Swedish holidays (see holidays.ts) and the days the
 * municipality has marked as non-school days (study days, "klämdagar", autumn break …).
 *
 * These decide what counts as absence: a pupil cannot be absent on a day without school,
 * so rows on other days are reported as warnings and never counted.
 */
import { addDays, requireIsoDate, weekdayOf } from './iso-date';
import { holidayName } from './holidays';

export type NonSchoolReason = 'weekend' | 'holiday' | 'non-school-day';

/**
 * Why a 'YYYY-MM-DD' date is not a school day, or null when it is one.
 * Checked in this order: a holiday on a Saturday (e.g. nationaldagen 2026-06-06) is
 * reported as 'weekend' — the plainer reason, and it was never a school day anyway.
 */
export function nonSchoolReason(date: string, nonSchoolDays: ReadonlySet<string>): NonSchoolReason | null {
  return calendarReason(date) ?? (nonSchoolDays.has(date) ? 'non-school-day' : null);
}

/**
 * Weekend or holiday per date, remembered: the import asks about the same few dates
 * for up to a million rows. Bounded, so a long-running server does not grow.
 */
let calendarReasons = new Map<string, 'weekend' | 'holiday' | null>();
const CALENDAR_REASONS_LIMIT = 5000;

function calendarReason(date: string): 'weekend' | 'holiday' | null {
  let reason = calendarReasons.get(date);
  if (reason === undefined) {
    const weekday = weekdayOf(date); // also rejects malformed dates (a bug, so it throws)
    reason = weekday === 0 || weekday === 6 ? 'weekend' : holidayName(date) !== null ? 'holiday' : null;
    if (calendarReasons.size >= CALENDAR_REASONS_LIMIT) calendarReasons = new Map();
    calendarReasons.set(date, reason);
  }
  return reason;
}

export function isSchoolDay(date: string, nonSchoolDays: ReadonlySet<string>): boolean {
  return nonSchoolReason(date, nonSchoolDays) === null;
}

/**
 * The first `count` school days on or after `termStart`: a round's observation window.
 * If term start itself is no school day, the window starts on the next one.
 */
export function schoolDaysFrom(termStart: string, count: number, nonSchoolDays: ReadonlySet<string>): string[] {
  requireIsoDate(termStart);
  if (!Number.isInteger(count) || count < 0) {
    throw new RangeError(`School day count must be a non-negative integer, got ${count}`);
  }
  const days: string[] = [];
  // A year without school days would mean a broken non-school-day list; stop instead of
  // looping forever.
  const limit = count * 7 + 366;
  let date = termStart;
  for (let i = 0; days.length < count; i++) {
    if (i > limit) {
      throw new RangeError(`Found only ${days.length} of ${count} school days from ${termStart}`);
    }
    if (isSchoolDay(date, nonSchoolDays)) days.push(date);
    date = addDays(date, 1);
  }
  return days;
}

/**
 * The days of the window that have happened, today included: a pupil can only have
 * missed the days that have already been. `today` comes from todayInStockholm, so the
 * caller controls the clock.
 */
export function observedDays(window: readonly string[], today: string): string[] {
  requireIsoDate(today);
  // ISO dates compare correctly as strings.
  return window.filter((day) => day <= today);
}
