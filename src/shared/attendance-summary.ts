/** A pupil's attendance given as totals rather than per day: the importer reads them, the rules engine turns them into facts. */
/** A summary file's counts for one pupil; a column the file lacks is null. */
export interface SummaryCounts {
  daysPresent: number;
  validAbsenceDays: number | null;
  unexplainedAbsenceDays: number | null;
  unknownAbsenceDays: number | null;
  firstDayPresent: string | null;
}

/**
 * A summary file's minutes for one pupil over the window so far: scheduled and attended
 * always, valid and unexplained absence when the file has those columns (null when not).
 * The import checks attended + valid + unexplained ≤ scheduled.
 */
export interface SummaryMinutes {
  scheduled: number;
  attended: number;
  valid: number | null;
  unexplained: number | null;
}
