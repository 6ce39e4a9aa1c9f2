import { DateTime } from 'luxon';

/** How long each kind of data is kept (docs/operations.md, *Retention*). */
export interface RetentionSettings {
  /** Pupil-level round data (roster, attendance, flags, watch list, follow-up, raw files), months after the round closed. */
  roundDataMonths: number;
  /** Closed cases without a sent referral, months after the case closed. */
  closedCaseMonths: number;
  /** Closed cases with a referral, months after closing; 0 keeps them (the document management plan decides). */
  referralCaseMonths: number;
  /** Audit log entries, years. */
  auditYears: number;
}

export const RETENTION_DEFAULTS: RetentionSettings = { roundDataMonths: 12, closedCaseMonths: 24, referralCaseMonths: 0, auditYears: 5 };

/** Temporary upload files (a preview never committed) are removed after this many hours. */
export const TMP_FILE_HOURS = 24;

/** The instant `months` calendar months before `now`, counted in Europe/Stockholm, as an ISO string. */
export function monthsBefore(now: Date, months: number): string {
  return DateTime.fromJSDate(now).setZone('Europe/Stockholm').minus({ months }).toUTC().toJSDate().toISOString();
}

/** Ended at or before the cutoff: expired. A period of 0 means "kept", nothing expires. */
export function isExpired(endedAt: string | null, now: Date, months: number): boolean {
  if (!endedAt || months <= 0) return false;
  return endedAt <= monthsBefore(now, months);
}

export interface Cutoffs {
  roundData: string;
  closedCase: string;
  /** null: cases with a referral are kept. */
  referralCase: string | null;
  audit: string;
  /** Backups older than the longest period go (a backup must not outlive what it holds). */
  backups: string;
}

export function cutoffs(s: RetentionSettings, now: Date): Cutoffs {
  return {
    roundData: monthsBefore(now, s.roundDataMonths),
    closedCase: monthsBefore(now, s.closedCaseMonths),
    referralCase: s.referralCaseMonths > 0 ? monthsBefore(now, s.referralCaseMonths) : null,
    audit: monthsBefore(now, s.auditYears * 12),
    backups: monthsBefore(now, longestMonths(s)),
  };
}

/** The longest period that deletes anything (a kept kind does not count: backups still age out). */
export function longestMonths(s: RetentionSettings): number {
  return Math.max(s.roundDataMonths, s.closedCaseMonths, s.referralCaseMonths);
}

/** Daily jobs run once per Stockholm day, from `hour` on. */
export function isDailyRunDue(lastRunAt: string | null, now: Date, hour: number): boolean {
  const local = DateTime.fromJSDate(now).setZone('Europe/Stockholm');
  if (local.hour < hour) return false;
  if (!lastRunAt) return true;
  const last = DateTime.fromISO(lastRunAt).setZone('Europe/Stockholm');
  return last.toISODate() !== local.toISODate();
}
