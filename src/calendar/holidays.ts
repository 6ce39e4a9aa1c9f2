/**
 * Swedish public holidays, from the maintained `date-holidays` library rather than our
 * own list, so that rule changes (a new holiday, moved dates) arrive with an update.
 *
 * Which days count: the library types Swedish days as 'public' (allmän helgdag by law),
 * 'bank' (midsommarafton, julafton, nyårsafton), 'optional' (half days such as
 * valborgsmässoafton) and 'observance' (annandag pingst since 2005, Luciadagen …).
 * We count 'public' AND 'bank'. The three 'bank' days are not holidays by law, but they
 * are treated as holidays (helgdagsafton) by the Working Hours Act and collective
 * agreements, and no school in Sweden holds lessons on them. They always fall within a
 * break (midsommarafton in the summer break, julafton and nyårsafton in the Christmas
 * break), so counting them changes nothing in a normal school year, and when a
 * municipality's term does touch one, calling it a school day would turn every pupil's
 * "absence" that day into evidence against them. The half days ('optional') are school
 * days: schools are open on valborgsmässoafton and trettondagsafton.
 */
import type HolidaysLibrary from 'date-holidays';

/** Holiday types that make a weekday a non-school day. See the file comment for why. */
export const NON_SCHOOL_HOLIDAY_TYPES: ReadonlySet<string> = new Set(['public', 'bank']);

let library: HolidaysLibrary | null = null;

/**
 * The library holds every country's rules (about 150 ms to load), so it is loaded on the
 * first holiday lookup, not with the module: much that imports the calendar (an import's
 * messages, the CLI) seldom needs a holiday.
 */
function loadLibrary(): HolidaysLibrary {
  // The package is CommonJS: its export is the class itself (what a default import gives).
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- see the line above
  const exported = require('date-holidays') as typeof HolidaysLibrary | { default: typeof HolidaysLibrary };
  const Holidays = 'default' in exported ? exported.default : exported;
  return new Holidays('SE', { languages: ['sv'] });
}

/** Holiday names per year, date → Swedish name. Filled on first use of each year. */
const byYear = new Map<number, ReadonlyMap<string, string>>();

function holidaysOfYear(year: number): ReadonlyMap<string, string> {
  // The import runs this for up to a million rows; the library recomputes its rules on
  // every call, so each year is looked up once and kept (a handful of years in practice).
  let days = byYear.get(year);
  if (!days) {
    library ??= loadLibrary();
    const found = new Map<string, string>();
    for (const h of library.getHolidays(year, 'sv')) {
      if (!NON_SCHOOL_HOLIDAY_TYPES.has(h.type)) continue;
      const date = h.date.slice(0, 10); // "YYYY-MM-DD hh:mm:ss" → calendar date
      if (!found.has(date)) found.set(date, h.name);
    }
    days = found;
    byYear.set(year, days);
  }
  return days;
}

/**
 * The Swedish name of the holiday on a 'YYYY-MM-DD' date (e.g. 'juldagen',
 * 'midsommarafton'), or null when the date is not a non-school holiday.
 */
export function holidayName(date: string): string | null {
  const year = Number(date.slice(0, 4));
  return holidaysOfYear(year).get(date) ?? null;
}

export function isHoliday(date: string): boolean {
  return holidayName(date) !== null;
}
