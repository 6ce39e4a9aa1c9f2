/**
 * Which of the round's window school days a file covers. A day is covered when the file
 * has it — a row or a date column with a status for at least one pupil, "ej rapporterat"
 * included (a low share of reported days is its own warning). Days after today have not happened
 * and are never missing. A summary file has no dates: it is declared for the window as
 * it stood on the upload day, so it covers the window's days up to that day.
 *
 * Pure: the import report, the preview page and the confirmation check all use this.
 */
import { formatSwedishDayList, formatSwedishPeriod, SWEDISH_WEEKDAYS, weekdayOf } from '../calendar';
import type { ImportReport } from './import-report';
import { t } from '../i18n';

export type CoverageState = 'covered' | 'missing' | 'not_yet';

export interface CoverageDay {
  date: string;
  /** Swedish weekday name ("måndag"). */
  weekday: string;
  covered: boolean;
  state: CoverageState;
}

/** Part of the import report (additive to the CLI JSON contract). */
export interface Coverage {
  windowDays: CoverageDay[];
  covered: string[];
  /** Window days up to today that the file does not cover. */
  missing: string[];
  /** The earliest and latest date in the file (null for a summary, or no readable date). */
  fileDates: { first: string; last: string } | null;
  /** A summary file: covered by declaration, not by dated rows. */
  declared: boolean;
}

export interface CoverageInput {
  window: readonly string[];
  today: string;
  /** Window days the file reports a status for; 'declared' for a summary file. */
  covered: ReadonlySet<string> | 'declared';
  fileDates: { first: string; last: string } | null;
}

export function computeCoverage({ window, today, covered, fileDates }: CoverageInput): Coverage {
  const isCovered = (d: string) => d <= today && (covered === 'declared' || covered.has(d));
  const windowDays = window.map((date): CoverageDay => {
    const c = isCovered(date);
    return { date, weekday: SWEDISH_WEEKDAYS[weekdayOf(date)]!, covered: c, state: c ? 'covered' : date > today ? 'not_yet' : 'missing' };
  });
  return {
    windowDays,
    covered: windowDays.filter((d) => d.covered).map((d) => d.date),
    missing: windowDays.filter((d) => d.state === 'missing').map((d) => d.date),
    fileDates: covered === 'declared' ? null : fileDates,
    declared: covered === 'declared',
  };
}

/** Window days up to `today` not in `covered`: what keeps a school from confirming. */
export function uncoveredUpTo(window: readonly string[], covered: readonly string[], today: string): string[] {
  const have = new Set(covered);
  return window.filter((d) => d <= today && !have.has(d));
}

/** "11–22 augusti 2025", "29 augusti–4 september 2025", "22 december 2025–9 januari 2026", "12 januari 2026". */
export const swedishPeriod = formatSwedishPeriod;

/** "tisdag 13 januari och onsdag 14 januari 2026": each day with its weekday, the year once. */
export const swedishDayList = formatSwedishDayList;

/**
 * What the coverage means for the file: an error when it covers no school day of the
 * window (the file is refused), a warning naming the days it lacks, or nothing.
 */
export function coverageProblem(c: Coverage, window: readonly string[], today: string): { level: 'error' | 'warning'; message: string } | null {
  if (!window.length) return null;
  const windowText = swedishPeriod(window[0]!, window[window.length - 1]!);
  if (!c.covered.length) {
    const started = window[0]! <= today;
    const fileText = c.fileDates
      ? t('imports.errors.filenDatum', { period: swedishPeriod(c.fileDates.first, c.fileDates.last) })
      : c.declared
        ? t('imports.errors.filenArSammanstallningUtan')
        : t('imports.errors.filenIngaLasbaraDatum');
    const why = started
      ? t('imports.errors.ingenOmgangensSkoldagarHittills')
      : t('imports.errors.omgangensForstaSkoldagVarit', { day: swedishDayList([window[0]!]) });
    return {
      level: 'error',
      message: t('imports.errors.menOmgangensObservationsfonsterAr', { fileText, windowText, why }),
    };
  }
  if (c.missing.length) {
    return {
      level: 'warning',
      message: t('imports.errors.missingSchoolDays', {
        missing: c.missing.length === 1 ? t('imports.errors.missingSchoolDays.one') : t('imports.errors.missingSchoolDays.other', { count: c.missing.length }),
        days: swedishDayList(c.missing),
      }),
    };
  }
  return null;
}

/** Window days that the file has a status for, for at least one pupil. */
export function reportedDays(pupils: Iterable<{ dayRanks: ArrayLike<number> }>, window: readonly string[]): Set<string> {
  const seen = new Uint8Array(window.length);
  let left = window.length;
  for (const p of pupils) {
    for (let i = 0; i < window.length && left > 0; i++) {
      if (!seen[i] && (p.dayRanks[i] ?? 0) !== 0) {
        seen[i] = 1;
        left--;
      }
    }
    if (left === 0) break;
  }
  return new Set(window.filter((_, i) => seen[i]));
}

/** The earliest and latest of some ISO dates, or null. */
export function dateRange(dates: Iterable<string>): { first: string; last: string } | null {
  let r: { first: string; last: string } | null = null;
  for (const d of dates) {
    if (!r) r = { first: d, last: d };
    else if (d < r.first) r.first = d;
    else if (d > r.last) r.last = d;
  }
  return r;
}

/**
 * Puts the coverage on the report: no covered day rejects the file, missing days warn.
 * A file already rejected for its rows gets no coverage problem on top: the rows'
 * errors say what to fix first (a row that failed covers nothing).
 */
export function applyCoverage(report: ImportReport, coverage: Coverage, window: readonly string[], today: string): void {
  report.coverage = coverage;
  const problem = report.errorCount ? null : coverageProblem(coverage, window, today);
  if (problem?.level === 'error') {
    report.errors.push({ row: null, column: null, message: problem.message });
    report.errorCount++;
    report.status = 'rejected';
  } else if (problem) report.warnings.push({ row: null, column: null, message: problem.message });
}
