import { isDailyRunDue } from '../shared';
import { cutoffs, isExpired, longestMonths, monthsBefore, RETENTION_DEFAULTS } from './retention-policy';

describe('retention policy', () => {
  it.each([
    // closed at, now, months, expired?
    ['2025-08-25T08:00:00.000Z', '2026-09-25T08:00:00Z', 12, true], // 13 months
    ['2025-08-25T08:00:00.000Z', '2026-08-25T08:00:00Z', 12, true], // exactly 12 months
    ['2025-08-25T08:00:01.000Z', '2026-08-25T08:00:00Z', 12, false], // a second short
    ['2025-08-25T08:00:00.000Z', '2026-07-25T08:00:00Z', 12, false], // 11 months
    ['2025-08-25T08:00:00.000Z', '2030-01-01T00:00:00Z', 0, false], // 0 = kept
    [null, '2030-01-01T00:00:00Z', 12, false], // never closed
    ['2024-02-29T12:00:00.000Z', '2026-02-28T12:00:00Z', 24, false], // leap day: 24 months before 28 Feb is 28 Feb, a day short
    ['2024-02-29T12:00:00.000Z', '2026-03-01T12:00:00Z', 24, true],
  ])('closed %s, now %s, %i months → expired %s', (closedAt, now, months, expired) => {
    expect(isExpired(closedAt, new Date(now), months)).toBe(expired);
  });

  it.each([
    // Stockholm: summer time (UTC+2) and winter time (UTC+1) are kept across the month step.
    ['2026-09-25T08:00:00Z', 12, '2025-09-25T08:00:00.000Z'],
    ['2026-03-30T10:00:00Z', 6, '2025-09-30T10:00:00.000Z'], // 12:00 CEST → 12:00 CEST
    ['2026-01-15T10:00:00Z', 6, '2025-07-15T10:00:00.000Z'], // 11:00 CET → 11:00 CEST
  ])('monthsBefore(%s, %i)', (now, months, expected) => {
    // The wall clock in Stockholm is kept; the UTC instant moves with summer time.
    const wall = (iso: string) => new Date(iso).toLocaleString('sv-SE', { timeZone: 'Europe/Stockholm' }).slice(11);
    expect(wall(monthsBefore(new Date(now), months))).toBe(wall(now));
    expect(monthsBefore(new Date(now), months).slice(0, 10)).toBe(expected.slice(0, 10));
  });

  it.each([
    [{ roundDataMonths: 12, closedCaseMonths: 24, referralCaseMonths: 0, auditYears: 5 }, 24],
    [{ roundDataMonths: 36, closedCaseMonths: 24, referralCaseMonths: 0, auditYears: 5 }, 36],
    [{ roundDataMonths: 12, closedCaseMonths: 24, referralCaseMonths: 120, auditYears: 5 }, 120],
  ])('longest period of %o is %i months', (s, months) => {
    expect(longestMonths(s)).toBe(months);
  });

  it('keeps referral cases when their period is 0', () => {
    const c = cutoffs(RETENTION_DEFAULTS, new Date('2026-09-25T08:00:00Z'));
    expect(c.referralCase).toBeNull();
    expect(c.roundData.slice(0, 10)).toBe('2025-09-25');
    expect(c.closedCase.slice(0, 10)).toBe('2024-09-25');
    expect(c.audit.slice(0, 10)).toBe('2021-09-25');
  });

  it.each([
    [null, '2026-09-25T01:30:00Z', 3, true], // 03:30 in Stockholm, never run
    [null, '2026-09-25T00:30:00Z', 3, false], // 02:30: too early
    ['2026-09-25T01:10:00Z', '2026-09-25T20:00:00Z', 3, false], // already today
    ['2026-09-24T01:10:00Z', '2026-09-25T01:10:00Z', 3, true], // yesterday
    ['2026-09-24T22:30:00Z', '2026-09-25T05:00:00Z', 3, false], // 00:30 local on the 25th counts as today
  ])('last %s, now %s, from %i o’clock → due %s', (last, now, hour, due) => {
    expect(isDailyRunDue(last, new Date(now), hour)).toBe(due);
  });
});
