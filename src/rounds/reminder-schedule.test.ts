import { daysBetween, dueReminderSteps, REMINDER_DEFAULTS, type ReminderSettings } from './reminder-schedule';

const ids = (deadline: string, today: string, s?: ReminderSettings) => dueReminderSteps(deadline, today, s).map((x) => x.id);

describe('dueReminderSteps', () => {
  // Deadline Friday 28 August 2026; defaults: 2 days before, 1 and 3 days after.
  it.each([
    ['long before the deadline', '2026-08-20', []],
    ['the day before the first step', '2026-08-25', []],
    ['deadline − 2: the before-step', '2026-08-26', ['before-2']],
    ['deadline − 1: still the before-step (sent once by the service)', '2026-08-27', ['before-2']],
    ['the deadline day itself', '2026-08-28', ['before-2']],
    ['deadline + 1: the first after-step', '2026-08-29', ['after-1']],
    ['deadline + 2', '2026-08-30', ['after-1']],
    ['deadline + 3: the latest after-step only', '2026-08-31', ['after-3']],
    ['weeks later: still only the latest after-step', '2026-10-01', ['after-3']],
  ])('%s (%s)', (_label, today, expected) => {
    expect(ids('2026-08-28', today, REMINDER_DEFAULTS)).toEqual(expected);
  });

  it.each<[string, ReminderSettings, string, string[]]>([
    ['several before-steps: only the latest due goes on a late run', { daysBefore: [5, 2], daysAfter: [1] }, '2026-08-27', ['before-2']],
    ['several before-steps: the earliest when only it is due', { daysBefore: [2, 5], daysAfter: [1] }, '2026-08-23', ['before-5']],
    ['before-0 on the deadline day', { daysBefore: [0, 2], daysAfter: [1] }, '2026-08-28', ['before-0']],
    ['no before-steps configured', { daysBefore: [], daysAfter: [1] }, '2026-08-27', []],
    ['no after-steps configured: nothing after the deadline', { daysBefore: [2], daysAfter: [] }, '2026-08-29', []],
    ['after the deadline but before the first after-step: before-steps no longer apply', { daysBefore: [2], daysAfter: [3] }, '2026-08-29', []],
    ['duplicates and order do not matter', { daysBefore: [2, 2], daysAfter: [3, 1, 3] }, '2026-09-01', ['after-3']],
  ])('%s', (_label, settings, today, expected) => {
    expect(ids('2026-08-28', today, settings)).toEqual(expected);
  });

  it.each([
    ['across a month end', '2026-09-01', '2026-08-30', ['before-2']],
    ['across a year end', '2026-01-01', '2026-01-02', ['after-1']],
    ['across the spring daylight saving change', '2026-03-30', '2026-03-28', ['before-2']],
    ['across the autumn daylight saving change', '2026-10-24', '2026-10-27', ['after-3']],
    ['a leap day', '2028-03-01', '2028-02-28', ['before-2']],
  ])('counts calendar days %s', (_label, deadline, today, expected) => {
    expect(ids(deadline, today)).toEqual(expected);
  });

  it('says when and how many days for the template', () => {
    expect(dueReminderSteps('2026-08-28', '2026-08-31')).toEqual([{ id: 'after-3', when: 'after', days: 3 }]);
    expect(dueReminderSteps('2026-08-28', '2026-08-26')).toEqual([{ id: 'before-2', when: 'before', days: 2 }]);
  });

  it.each<[string, string, string, ReminderSettings]>([
    ['a malformed deadline', '28/8/2026', '2026-08-28', REMINDER_DEFAULTS],
    ['a date that does not exist', '2026-02-30', '2026-08-28', REMINDER_DEFAULTS],
    ['a malformed today', '2026-08-28', '2026-8-28', REMINDER_DEFAULTS],
    ['a negative before-offset', '2026-08-28', '2026-08-28', { daysBefore: [-1], daysAfter: [1] }],
    ['an after-offset of 0 (the deadline day is a before-day)', '2026-08-28', '2026-08-28', { daysBefore: [2], daysAfter: [0] }],
    ['a fractional offset', '2026-08-28', '2026-08-28', { daysBefore: [1.5], daysAfter: [1] }],
    ['an offset beyond 60 days', '2026-08-28', '2026-08-28', { daysBefore: [2], daysAfter: [61] }],
  ])('refuses %s', (_label, deadline, today, settings) => {
    expect(() => dueReminderSteps(deadline, today, settings)).toThrow(RangeError);
  });
});

describe('daysBetween', () => {
  it.each([
    ['2026-08-26', '2026-08-28', 2],
    ['2026-08-28', '2026-08-28', 0],
    ['2026-08-31', '2026-08-28', -3],
    ['2026-03-28', '2026-03-30', 2],
    ['2025-12-31', '2026-01-01', 1],
  ])('%s → %s is %i', (from, to, n) => {
    expect(daysBetween(from, to)).toBe(n);
  });
});
