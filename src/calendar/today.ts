/**
 * Today's date where the schools are. A server in UTC would otherwise think it is still
 * yesterday between midnight and 01:00/02:00 Swedish time, and count one day too few.
 */
import { DateTime } from 'luxon';

export const SCHOOL_TIME_ZONE = 'Europe/Stockholm';

/** 'YYYY-MM-DD' in Europe/Stockholm at the instant the injected clock returns. */
export function todayInStockholm(clock: () => Date): string {
  const date = DateTime.fromJSDate(clock(), { zone: SCHOOL_TIME_ZONE }).toISODate();
  if (date === null) throw new RangeError('The clock returned an invalid date');
  return date;
}
