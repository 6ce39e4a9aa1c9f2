/**
 * Dates written the way a Swedish reader writes them ("lördag 22 augusti"), for
 * messages to principals. Names are our own constants rather than Intl, so the text
 * does not depend on which ICU data the Node build happens to ship.
 */
import { requireIsoDate, weekdayOf } from './iso-date';
import { holidayName } from './holidays';
import { nonSchoolReason } from './school-days';

/** Indexed like Date#getDay: 0 = söndag. */
export const SWEDISH_WEEKDAYS = ['söndag', 'måndag', 'tisdag', 'onsdag', 'torsdag', 'fredag', 'lördag'] as const;

/** Indexed by month − 1. */
export const SWEDISH_MONTHS = [
  'januari',
  'februari',
  'mars',
  'april',
  'maj',
  'juni',
  'juli',
  'augusti',
  'september',
  'oktober',
  'november',
  'december',
] as const;

/** "lördag 22 augusti", or "lördag 22 augusti 2026" with `withYear`. */
export function formatSwedishDate(date: string, options: { withYear?: boolean } = {}): string {
  const { year, month, day } = requireIsoDate(date);
  const text = `${SWEDISH_WEEKDAYS[weekdayOf(date)]} ${day} ${SWEDISH_MONTHS[month - 1]}`;
  return options.withYear ? `${text} ${year}` : text;
}

/**
 * A date in a sentence, with its year: "17 augusti 2026" (issue 15: "terminsstart 18
 * augusti" left the reader to guess the year of a round or a flag read months later).
 */
export function formatSwedishDay(date: string): string {
  const { year, month, day } = requireIsoDate(date);
  return `${day} ${SWEDISH_MONTHS[month - 1]} ${year}`;
}

/**
 * A run of dates with the year once, at the end, unless it changes: "24 augusti 2026",
 * "24–28 augusti 2026", "31 augusti–4 september 2026", "21 december 2026–8 januari 2027".
 */
export function formatSwedishPeriod(first: string, last: string): string {
  const a = requireIsoDate(first);
  const b = requireIsoDate(last);
  if (first === last) return formatSwedishDay(first);
  if (a.year !== b.year) return `${formatSwedishDay(first)}–${formatSwedishDay(last)}`;
  if (a.month !== b.month) return `${a.day} ${SWEDISH_MONTHS[a.month - 1]}–${formatSwedishDay(last)}`;
  return `${a.day}–${formatSwedishDay(last)}`;
}

/**
 * Days in a sentence, each with its weekday, the year after the last day of each year:
 * "tisdag 13 januari och onsdag 14 januari 2026", "onsdag 30 december 2026 och måndag 4
 * januari 2027".
 */
export function formatSwedishDayList(dates: readonly string[]): string {
  return swedishList(dates.map((d, i) => formatSwedishDate(d, { withYear: i === dates.length - 1 || dates[i + 1]!.slice(0, 4) !== d.slice(0, 4) })));
}

/** The Swedish thousands separator: a no-break space, as `toLocaleString('sv-SE')` writes it. */
export const THOUSANDS_SEPARATOR = '\u00a0';

/**
 * A number as a Swedish reader writes it: "2 400", "12,5" (at most `decimals` decimals,
 * trailing zeros dropped), "−3" with a real minus sign. Our own code rather than Intl,
 * like the dates above.
 */
export function formatSwedishNumber(n: number, decimals = 0): string {
  const factor = 10 ** decimals;
  const rounded = Math.round(Math.abs(n) * factor) / factor;
  const [whole, fraction] = String(rounded).split('.');
  const grouped = whole!.replace(/\B(?=(\d{3})+(?!\d))/g, THOUSANDS_SEPARATOR);
  return `${n < 0 && rounded !== 0 ? '\u2212' : ''}${grouped}${fraction ? `,${fraction}` : ''}`;
}

/** A list as a Swedish sentence writes it: "a", "a och b", "a, b och c". */
export function swedishList(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} och ${items[items.length - 1]}`;
}

/**
 * The import warning for a row dated on a day without school, or null on a school day.
 * The holiday's name is added when there is one, also on a weekend, so the principal
 * recognises the day ("lördag 6 juni (nationaldagen)").
 */
export function nonSchoolDayWarning(date: string, nonSchoolDays: ReadonlySet<string>, options: { withYear?: boolean } = {}): string | null {
  const reason = nonSchoolReason(date, nonSchoolDays);
  if (reason === null) return null;
  const holiday = holidayName(date);
  const day = formatSwedishDate(date, options) + (holiday ? ` (${holiday})` : '');
  const why = reason === 'non-school-day' ? 'som inte är en skoldag enligt kommunens läsårskalender' : 'som inte är en skoldag';
  return `Raden gäller ${day}, ${why}. Raden räknas inte.`;
}
