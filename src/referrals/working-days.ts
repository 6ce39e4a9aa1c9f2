import { addDays, isSchoolDay } from '../calendar';

const NO_MUNICIPAL_DAYS: ReadonlySet<string> = new Set();

/**
 * Working days after `from` up to and including `to`: Monday–Friday minus Swedish
 * public holidays (the municipality's study days are school matters, not office ones).
 */
export function workingDaysAfter(from: string, to: string): number {
  let n = 0;
  for (let d = addDays(from, 1); d <= to; d = addDays(d, 1)) if (isSchoolDay(d, NO_MUNICIPAL_DAYS)) n++;
  return n;
}

/** A sent referral is overdue when more than `limit` working days have passed without confirmation. */
export function isOverdue(sentDate: string, today: string, limit: number): boolean {
  return workingDaysAfter(sentDate, today) > limit;
}
