/**
 * One pupil's attendance over a round's window, day by day, for the case page's
 * attendance strip. The import stores a pupil's days as one status letter per calendar
 * day from the pupil's first row (migration 009, STATUS_OF_LETTER); this reads them back
 * for the window's school days. A school day with no row is not reported — never present.
 */
import { daysBetween } from '../calendar';
import type { Status, SummaryCounts, SummaryMinutes } from '../shared';
import { STATUS_OF_LETTER } from './rules-repository';

export interface WindowDay {
  date: string;
  /** The day's status; 'not_reported' also for a day the file has no row for. Null: the day has not come yet. */
  status: Status | null;
}

/** What the case page shows of a pupil's attendance in the round, by the shape of the school's file. */
export type PupilAttendance = { termStart: string } & (
  | { shape: 'days'; days: WindowDay[] }
  | { shape: 'summary'; observedDays: number; summary: SummaryCounts }
  | { shape: 'minutes'; observedDays: number; minutes: SummaryMinutes }
  /** The pupil is in no file of the school this round (vanished, or added by hand). */
  | { shape: 'none' }
);

/** The window's school days with the pupil's stored status for each; days after `today` have none yet. */
export function windowDays(window: readonly string[], today: string, stored: { firstDate: string; codes: string } | null): WindowDay[] {
  return window.map((date) => {
    if (date > today) return { date, status: null };
    const at = stored ? daysBetween(stored.firstDate, date) : -1;
    const letter = at >= 0 && stored ? stored.codes[at] : undefined;
    return { date, status: letter && letter !== '-' ? (STATUS_OF_LETTER[letter] ?? 'not_reported') : 'not_reported' };
  });
}
