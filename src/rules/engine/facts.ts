/**
 * Attendance facts of one pupil over the observed school days, from day statuses (daily
 * and matrix files) or from a summary file's counts. Called once per pupil of a round
 * (100,000 in the benchmark), so: one pass, no intermediate arrays.
 */
import type { Status } from '../../shared';
import type { PupilFacts } from '../types';
import type { SummaryCounts, SummaryMinutes } from '../../shared';

export type { SummaryCounts, SummaryMinutes };

export type DayFacts = Pick<
  PupilFacts,
  'counts' | 'firstDayPresent' | 'lastDayPresent' | 'longestAbsentStreak' | 'longestAbsentStreakFrom' | 'longestAbsentStreakTo' | 'minutes'
>;

/**
 * Facts from the status of each observed day. `days[i]` belongs to `observedDates[i]`;
 * null, 'not_reported' or a missing entry (a pupil with no rows at all) is a day without
 * reported attendance: counted as notReported and, like any absence, breaking presence
 * and extending an absent streak — not reported is never present.
 */
export function computeDayFacts(observedDates: readonly string[], days: readonly (Status | null)[]): DayFacts {
  let present = 0;
  let valid = 0;
  let unexplained = 0;
  let unknown = 0;
  let notReported = 0;
  let firstPresent = -1;
  let lastPresent = -1;
  let bestLength = 0;
  let bestStart = -1;
  let runStart = -1;

  const n = observedDates.length;
  for (let i = 0; i < n; i++) {
    const status = i < days.length ? days[i] : null;
    if (status === 'present') {
      present++;
      if (firstPresent === -1) firstPresent = i;
      lastPresent = i;
      runStart = -1;
      continue;
    }
    if (status === 'valid') valid++;
    else if (status === 'unexplained') unexplained++;
    else if (status === 'unknown') unknown++;
    else notReported++;
    if (runStart === -1) runStart = i;
    // Strictly longer: the earliest of equally long runs is kept, so the sentence is stable.
    if (i - runStart + 1 > bestLength) {
      bestLength = i - runStart + 1;
      bestStart = runStart;
    }
  }

  return {
    counts: { present, valid, unexplained, unknown, notReported },
    firstDayPresent: firstPresent === -1 ? null : observedDates[firstPresent]!,
    lastDayPresent: lastPresent === -1 ? null : observedDates[lastPresent]!,
    longestAbsentStreak: bestLength,
    longestAbsentStreakFrom: bestLength === 0 ? null : observedDates[bestStart]!,
    longestAbsentStreakTo: bestLength === 0 ? null : observedDates[bestStart + bestLength - 1]!,
    minutes: null,
  };
}

/**
 * Facts from a summary file (one row per pupil with counts). Days the counts do not
 * account for are not reported (observed − known counts, floored at 0: a file counting
 * more days than observed so far must not make a negative count). Streaks are unknown.
 */
export function summaryFacts(observedCount: number, summary: SummaryCounts): DayFacts {
  const present = summary.daysPresent;
  const valid = summary.validAbsenceDays ?? 0;
  const unexplained = summary.unexplainedAbsenceDays ?? 0;
  const unknown = summary.unknownAbsenceDays ?? 0;
  const notReported = Math.max(0, observedCount - present - valid - unexplained - unknown);
  // With no day present a "first day present" contradicts the counts; the safe reading
  // is the one that keeps the pupil visible, so it is dropped.
  const firstDayPresent = present > 0 ? summary.firstDayPresent : null;
  return {
    counts: { present, valid, unexplained, unknown, notReported },
    firstDayPresent,
    // Only when exactly one day was present is the last such day known: it is the first.
    lastDayPresent: present === 1 ? firstDayPresent : null,
    longestAbsentStreak: null,
    longestAbsentStreakFrom: null,
    longestAbsentStreakTo: null,
    minutes: null,
  };
}

/**
 * Facts from a summary in minutes. Day counts are the minutes divided by a school day's
 * share of the scheduled time (scheduled ÷ observed school days), rounded to whole days;
 * minutes the file does not account for (scheduled − attended − valid − unexplained) are
 * days without reported attendance. Present is 0 exactly when no minute was attended
 * (a pupil who came for ten minutes has not "not returned"), so `not-returned` reads
 * "attended = 0". Nothing scheduled says nothing: every day is then not reported, and
 * not-returned does not fire on it (base-rules.ts). Streaks are unknown.
 */
export function minutesFacts(observedCount: number, m: SummaryMinutes): DayFacts {
  const perDay = observedCount > 0 ? m.scheduled / observedCount : 0;
  const days = (minutes: number | null): number => (perDay > 0 && minutes ? Math.min(observedCount, Math.round(minutes / perDay)) : 0);
  const present = m.attended > 0 && perDay > 0 ? Math.max(1, days(m.attended)) : 0;
  const valid = days(m.valid);
  const unexplained = days(m.unexplained);
  return {
    counts: { present, valid, unexplained, unknown: 0, notReported: Math.max(0, observedCount - present - valid - unexplained) },
    firstDayPresent: null,
    lastDayPresent: null,
    longestAbsentStreak: null,
    longestAbsentStreakFrom: null,
    longestAbsentStreakTo: null,
    minutes: m,
  };
}
