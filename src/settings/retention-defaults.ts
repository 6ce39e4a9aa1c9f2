/** How long each kind of data is kept (docs/operations.md, *Retention*): settings own the periods, retention reads them. */
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
