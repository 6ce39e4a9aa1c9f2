/**
 * When a school that has not confirmed its report gets a reminder (pure: dates in, steps out).
 *
 * Dates are calendar dates 'YYYY-MM-DD' in Europe/Stockholm (the caller passes
 * `todayInStockholm(clock)`); arithmetic is on calendar days, so daylight saving never
 * moves a step.
 *
 * A step `before-N` is due when today >= deadline − N; a step `after-N` when
 * today >= deadline + N. Decisions:
 *
 * - Only the latest due step of a phase is returned. If the reminders did not run for a
 *   while (server down, cron missed), a late run sends one mail, not every step it
 *   missed at once. The skipped earlier steps are never sent later, because a later step
 *   is always due from then on.
 * - Once the deadline has passed (any after-step due), before-steps no longer apply: a
 *   "the deadline is in 2 days" mail after the deadline would be wrong. So at most one
 *   step is ever returned.
 * - On the deadline day itself (today == deadline) only `before-0` can be due; after-steps
 *   start at 1 day after the deadline.
 *
 * "Never twice for the same step" is not this module's job: the service records each
 * step once per school and recipient in mail_log.
 */
import { addDays, parseIsoDate } from '../calendar';
import type { ReminderSettings } from '../settings';
import { REMINDER_DEFAULTS } from '../settings';

// Kept here too for callers that read the schedule and its defaults together.
export { daysBetween } from '../calendar';
export { REMINDER_DEFAULTS, type ReminderSettings };

/** The largest offset accepted in either direction (a term is not longer than this). */
export const MAX_REMINDER_DAYS = 60;

export type ReminderPhase = 'before' | 'after';

export interface ReminderStep {
  /** 'before-2', 'after-1': recorded in mail_log as `reminder-${id}`. */
  id: string;
  when: ReminderPhase;
  /** The configured offset N of the step. */
  days: number;
}

/** Throws RangeError on a value that the settings schema should have refused. */
export function validateReminderSettings(s: ReminderSettings): void {
  const check = (values: number[], min: number, name: string) => {
    if (!Array.isArray(values)) throw new RangeError(`${name} must be an array of whole days`);
    for (const v of values) {
      if (!Number.isInteger(v) || v < min || v > MAX_REMINDER_DAYS) {
        throw new RangeError(`${name} must hold whole days from ${min} to ${MAX_REMINDER_DAYS}, got ${JSON.stringify(v)}`);
      }
    }
  };
  check(s.daysBefore, 0, 'daysBefore');
  check(s.daysAfter, 1, 'daysAfter');
}

function requireDate(date: string, name: string): void {
  if (!parseIsoDate(date)) throw new RangeError(`${name} is not a YYYY-MM-DD calendar date: ${JSON.stringify(date)}`);
}

/**
 * The reminder step due on `today` for a round with `deadline`: an empty array before
 * the first step, otherwise exactly one step (the latest due; see the module comment).
 */
export function dueReminderSteps(deadline: string, today: string, settings: ReminderSettings = REMINDER_DEFAULTS): ReminderStep[] {
  requireDate(deadline, 'deadline');
  requireDate(today, 'today');
  validateReminderSettings(settings);

  // The latest due after-step: the largest N with deadline + N <= today.
  const after = [...new Set(settings.daysAfter)].filter((n) => addDays(deadline, n) <= today).sort((a, b) => b - a)[0];
  if (after !== undefined) return [{ id: `after-${after}`, when: 'after', days: after }];
  if (today > deadline) return []; // past the deadline, no after-step due yet: before-steps no longer apply

  // The latest due before-step is the one closest to the deadline: the smallest N with deadline − N <= today.
  const before = [...new Set(settings.daysBefore)].filter((n) => addDays(deadline, -n) <= today).sort((a, b) => a - b)[0];
  if (before !== undefined) return [{ id: `before-${before}`, when: 'before', days: before }];
  return [];
}
