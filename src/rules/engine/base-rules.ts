/**
 * The rules that flag a pupil from that pupil's own facts. Each rule has a cheap
 * `fires` test, run for every pupil of the round, and builds its conditions and
 * evidence only when asked — for a pupil it fired on, or for a trace. `fires` must equal
 * "every condition met"; a test checks the two agree.
 */
import type { Condition, PupilFacts, RuleId, Severity } from '../types';
import { condition } from './conditions';
import type { Evidence } from './explain';
import { lowerSeverity } from './severity';
import { absenceSummaryText, anyOfSchoolDaysText, daysText, minutesSummaryText, periodText, schoolDaysText, unexplainedMinutesText } from './swedish-text';

type Params = Readonly<Record<string, number>>;

export interface BaseRule {
  id: RuleId;
  /** `notReturned`: whether not-returned fired for this pupil in this evaluation. */
  fires(f: PupilFacts, p: Params, notReturned: boolean): boolean;
  conditions(f: PupilFacts, p: Params, notReturned: boolean): Condition[];
  evidence(f: PupilFacts, p: Params): Evidence;
  /** The result's severity from the rule's configured one; most rules keep it. */
  severity?(f: PupilFacts, configured: Severity): Severity;
}

/** The day counts, and from a summary in minutes also the minutes they were counted from. */
const countsEvidence = (f: PupilFacts) => ({
  present: f.counts.present,
  valid: f.counts.valid,
  unexplained: f.counts.unexplained,
  unknown: f.counts.unknown,
  notReported: f.counts.notReported,
  ...(f.minutes
    ? {
        scheduledMinutes: f.minutes.scheduled,
        attendedMinutes: f.minutes.attended,
        validAbsenceMinutes: f.minutes.valid,
        unexplainedAbsenceMinutes: f.minutes.unexplained,
      }
    : {}),
});

/**
 * Not present any day: from a summary in minutes, "attended 0 of scheduled > 0" (with no
 * minute scheduled the file says nothing about the pupil, so the rule has nothing to go on).
 */
const neverPresent = (f: PupilFacts): boolean => (f.minutes ? f.minutes.attended === 0 && f.minutes.scheduled > 0 : f.counts.present === 0);

/**
 * "Not not-returned": the other absence rules stay quiet for a pupil already flagged as
 * not returned, so one pupil does not get three flags saying the same thing. It follows
 * what not-returned *did*: with not-returned switched off, a pupil who never came is
 * still flagged by these rules rather than by nothing.
 */
const notNotReturned = (notReturned: boolean) => condition('notReturned', '==', false, notReturned);

const notReturned: BaseRule = {
  id: 'not-returned',
  fires: (f, p) => neverPresent(f) && f.observedDates.length >= p.minObservedDays!,
  conditions: (f, p) => [
    ...(f.minutes
      ? [condition('minutes.attended', '==', 0, f.minutes.attended), condition('minutes.scheduled', '>', 0, f.minutes.scheduled)]
      : [condition('counts.present', '==', 0, f.counts.present)]),
    condition('observedDays', '>=', p.minObservedDays!, f.observedDates.length),
  ],
  // Lower only when every absence is valid (excused): not reported is not excused.
  severity: (f, configured) => (f.counts.unexplained + f.counts.unknown + f.counts.notReported > 0 ? configured : lowerSeverity(configured)),
  evidence: (f) => {
    const n = f.observedDates.length;
    return {
      termStart: f.termStart,
      observedDays: n,
      observedDaysText: schoolDaysText(n),
      anyObservedDayText: anyOfSchoolDaysText(n),
      absenceSummary: f.minutes ? minutesSummaryText(f.minutes) : absenceSummaryText(f.counts),
      allAbsenceValid: f.counts.unexplained + f.counts.unknown + f.counts.notReported === 0,
      ...countsEvidence(f),
    };
  },
};

const unexplainedAbsence: BaseRule = {
  id: 'unexplained-absence',
  fires: (f, p, nr) => !nr && f.counts.unexplained + f.counts.unknown >= p.minDays!,
  conditions: (f, p, nr) => [condition('counts.unexplained+counts.unknown', '>=', p.minDays!, f.counts.unexplained + f.counts.unknown), notNotReturned(nr)],
  evidence: (f) => {
    const n = f.observedDates.length;
    const days = f.counts.unexplained + f.counts.unknown;
    return {
      unexplainedDays: days,
      unexplainedDaysText: daysText(days),
      unexplainedSummary: f.minutes
        ? unexplainedMinutesText(f.minutes, n)
        : absenceSummaryText({ valid: 0, unexplained: f.counts.unexplained, unknown: f.counts.unknown, notReported: 0 }),
      termStart: f.termStart,
      observedDays: n,
      observedDaysText: schoolDaysText(n),
      ...countsEvidence(f),
    };
  },
};

/** Not reported days count as not present; a summary file has no streak (null: does not fire). */
const longAbsence: BaseRule = {
  id: 'long-absence',
  fires: (f, p, nr) => !nr && f.longestAbsentStreak !== null && f.longestAbsentStreak >= p.minStreak!,
  conditions: (f, p, nr) => [condition('longestAbsentStreak', '>=', p.minStreak!, f.longestAbsentStreak), notNotReturned(nr)],
  evidence: (f) => ({
    streakDays: f.longestAbsentStreak,
    streakDaysText: schoolDaysText(f.longestAbsentStreak ?? 0),
    streakFrom: f.longestAbsentStreakFrom,
    streakTo: f.longestAbsentStreakTo,
    streakPeriod: f.longestAbsentStreakFrom && f.longestAbsentStreakTo ? periodText(f.longestAbsentStreakFrom, f.longestAbsentStreakTo) : null,
    streakSummary: streakSummary(f),
  }),
};

/** What the days of the longest streak were: "2 dagar giltig frånvaro, 5 dagar utan rapporterad närvaro". */
function streakSummary(f: PupilFacts): string | null {
  if (!f.days || !f.longestAbsentStreakFrom || !f.longestAbsentStreakTo) return null;
  const counts = { valid: 0, unexplained: 0, unknown: 0, notReported: 0 };
  f.observedDates.forEach((date, i) => {
    if (date < f.longestAbsentStreakFrom! || date > f.longestAbsentStreakTo!) return;
    const s = f.days![i];
    if (s === 'valid') counts.valid++;
    else if (s === 'unexplained') counts.unexplained++;
    else if (s === 'unknown') counts.unknown++;
    else if (s !== 'present') counts.notReported++;
  });
  return absenceSummaryText(counts);
}

const leftWithoutDestination: BaseRule = {
  id: 'left-without-destination',
  fires: (f) => f.leftRoll !== null && !f.leftRoll.destinationKnown,
  conditions: (f) => [
    condition('leftRoll', '==', true, f.leftRoll !== null),
    condition('leftRoll.destinationKnown', '==', false, f.leftRoll ? f.leftRoll.destinationKnown : null),
  ],
  evidence: (f) => ({ leftDate: f.leftRoll?.date ?? null, destinationKnown: false }),
};

/**
 * docs/design.md, "The rules": not present "on the first school day or any later
 * observed day of the window". Read as: not present on the first day, OR not present on
 * some later observed day — that is, any observed school day without presence. For a watch-listed pupil one
 * missing day is worth a look on day one, when acting is still possible. With counts
 * only (summary files), days not present = observed − present.
 */
const watchListed: BaseRule = {
  id: 'watch-listed',
  fires: (f, p) => f.watchListed && f.observedDates.length >= p.minObservedDays! && f.observedDates.length - f.counts.present >= 1,
  conditions: (f, p) => [
    condition('watchListed', '==', true, f.watchListed),
    condition('observedDays', '>=', p.minObservedDays!, f.observedDates.length),
    condition('daysNotPresent', '>=', 1, Math.max(0, f.observedDates.length - f.counts.present)),
  ],
  evidence: (f) => {
    const n = f.observedDates.length;
    const notPresent = Math.max(0, n - f.counts.present);
    const first = n > 0 ? f.observedDates[0]! : null;
    return {
      notPresentDays: notPresent,
      notPresentDaysText: daysText(notPresent),
      firstSchoolDay: first,
      firstSchoolDayPresent: first === null ? null : f.firstDayPresent === null ? false : f.firstDayPresent === first,
      termStart: f.termStart,
      observedDays: n,
      observedDaysText: schoolDaysText(n),
    };
  },
};

/** Observed school days after the leave's last day. Dates are ISO strings, so they compare as text. */
function daysAfterLeave(f: PupilFacts): number {
  const end = f.leaveEnded!;
  let count = 0;
  for (let i = f.observedDates.length - 1; i >= 0 && f.observedDates[i]! > end; i--) count++;
  return count;
}

/**
 * Whether the pupil was present on a day after the leave: exact from day statuses; from a
 * summary's counts only when they tell (nothing present, or a known present day after
 * the leave, or the only present day before it). Otherwise null: unknown, does not fire.
 */
function presentAfterLeave(f: PupilFacts): boolean | null {
  const end = f.leaveEnded!;
  if (f.days) {
    for (let i = f.observedDates.length - 1; i >= 0 && f.observedDates[i]! > end; i--) {
      if (f.days[i] === 'present') return true;
    }
    return false;
  }
  if (f.counts.present === 0) return false;
  if ((f.firstDayPresent !== null && f.firstDayPresent > end) || (f.lastDayPresent !== null && f.lastDayPresent > end)) return true;
  if (f.lastDayPresent !== null) return false;
  return null;
}

const leaveOverrun: BaseRule = {
  id: 'leave-overrun',
  fires: (f, p) => f.leaveEnded !== null && daysAfterLeave(f) >= p.minDaysAfter! && presentAfterLeave(f) === false,
  conditions: (f, p) => {
    const ended = f.leaveEnded !== null;
    return [
      condition('leaveEnded', '==', true, ended),
      condition('schoolDaysAfterLeave', '>=', p.minDaysAfter!, ended ? daysAfterLeave(f) : null),
      condition('presentAfterLeave', '==', false, ended ? presentAfterLeave(f) : null),
    ];
  },
  evidence: (f) => {
    const after = daysAfterLeave(f);
    return { leaveEnded: f.leaveEnded, daysAfterLeave: after, anyDayAfterLeaveText: anyOfSchoolDaysText(after) };
  },
};

/** In evaluation order: not-returned first, because the absence rules depend on it. */
export const BASE_RULES: readonly BaseRule[] = [notReturned, unexplainedAbsence, longAbsence, leftWithoutDestination, watchListed, leaveOverrun];
