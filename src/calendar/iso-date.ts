/**
 * Calendar dates as 'YYYY-MM-DD' strings.
 *
 * School days are calendar dates, not instants: a string cannot drift across a time zone
 * boundary the way a JS Date at midnight can, and ISO strings sort and compare correctly
 * as plain strings. Arithmetic goes through UTC so that daylight saving never adds or
 * removes an hour (and thereby a day).
 */

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

export interface DateParts {
  year: number;
  month: number; // 1–12
  day: number; // 1–31
}

/** True when the year, month and day form a date that exists (no 30 February). */
export function isValidDateParts(year: number, month: number, day: number): boolean {
  if (!Number.isInteger(year) || !Number.isInteger(month) || !Number.isInteger(day)) return false;
  if (month < 1 || month > 12 || day < 1) return false;
  return day <= daysInMonth(year, month);
}

export function daysInMonth(year: number, month: number): number {
  // Day 0 of the next month is the last day of this one.
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** 'YYYY-MM-DD' from parts; the caller has checked that the date exists. */
export function formatIsoDate(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Parts of a 'YYYY-MM-DD' string, or null when it is not one or the date does not exist. */
export function parseIsoDate(date: string): DateParts | null {
  const m = ISO_DATE.exec(date);
  if (!m) return null;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  return isValidDateParts(year, month, day) ? { year, month, day } : null;
}

/**
 * Parts of a date the program itself produced. A malformed date here is a bug in the
 * caller, not bad user data, so it throws instead of returning a message.
 */
export function requireIsoDate(date: string): DateParts {
  const parts = parseIsoDate(date);
  if (!parts) throw new RangeError(`Not a YYYY-MM-DD calendar date: ${JSON.stringify(date)}`);
  return parts;
}

/** 0 = Sunday … 6 = Saturday, like Date#getDay. */
export function weekdayOf(date: string): number {
  const { year, month, day } = requireIsoDate(date);
  return new Date(Date.UTC(year, month - 1, day)).getUTCDay();
}

export function addDays(date: string, days: number): string {
  const { year, month, day } = requireIsoDate(date);
  const d = new Date(Date.UTC(year, month - 1, day) + days * DAY_MS);
  return formatIsoDate(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}

function requireDay(date: string, name: string): DateParts {
  const parts = parseIsoDate(date);
  if (!parts) throw new RangeError(`${name} is not a YYYY-MM-DD calendar date: ${JSON.stringify(date)}`);
  return parts;
}

/** Calendar days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  const f = requireDay(from, 'from');
  const t = requireDay(to, 'to');
  return Math.round((Date.UTC(t.year, t.month - 1, t.day) - Date.UTC(f.year, f.month - 1, f.day)) / 86_400_000);
}
