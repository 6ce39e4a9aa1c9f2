import { DateTime } from 'luxon';
import type { RetentionSettings } from '../settings';

export { RETENTION_DEFAULTS, type RetentionSettings } from '../settings';

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
