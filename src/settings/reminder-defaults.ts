/** The reminder schedule's settings and their defaults: settings own them, the rounds' reminder schedule reads them. */
export interface ReminderSettings {
  /** Days before the deadline to remind, e.g. [2]; 0 is the deadline day itself. */
  daysBefore: number[];
  /** Days after the deadline to remind, e.g. [1, 3]; at least 1. */
  daysAfter: number[];
}

export const REMINDER_DEFAULTS: ReminderSettings = { daysBefore: [2], daysAfter: [1, 3] };
