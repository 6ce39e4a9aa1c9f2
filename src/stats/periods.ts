import { DateTime } from 'luxon';
import { SCHOOL_TIME_ZONE } from '../calendar';

/**
 * Calendar days from a round's term start (YYYY-MM-DD) to a moment (ISO timestamp), the
 * moment taken as its date in Europe/Stockholm. The term start itself is day 0.
 */
export function daysFromTermStart(termStart: string, at: string): number {
  const start = DateTime.fromISO(termStart, { zone: SCHOOL_TIME_ZONE }).startOf('day');
  const day = DateTime.fromISO(at, { zone: 'utc' }).setZone(SCHOOL_TIME_ZONE).startOf('day');
  return Math.round(day.diff(start, 'days').days);
}

export const LOCATED_BUCKETS = ['week1', 'week3', 'later', 'notLocated'] as const;
export type LocatedBucket = (typeof LOCATED_BUCKETS)[number];

/**
 * How soon a case's pupil was located, counted from term start: within 1 week (0–7 days,
 * also a pupil located before term start), within 3 weeks (8–21 days), later (22 days or
 * more), or not located (no located_at).
 */
export function locatedBucket(days: number | null): LocatedBucket {
  if (days === null) return 'notLocated';
  if (days <= 7) return 'week1';
  if (days <= 21) return 'week3';
  return 'later';
}

/** The Swedish school year (läsår) a term start falls in: August–December → "2025/26", January–July → "2024/25". */
export function schoolYear(termStart: string): string {
  const year = Number(termStart.slice(0, 4));
  const month = Number(termStart.slice(5, 7));
  const first = month >= 8 ? year : year - 1;
  return `${first}/${String((first + 1) % 100).padStart(2, '0')}`;
}
