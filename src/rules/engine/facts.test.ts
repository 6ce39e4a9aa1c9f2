import type { Status } from '../../imports';
import { exampleDates } from '../../../tests/helpers/example-facts';
import { computeDayFacts, minutesFacts, summaryFacts, type SummaryMinutes } from './facts';

const CODE: Record<string, Status | null> = { P: 'present', G: 'valid', O: 'unexplained', F: 'unknown', N: 'not_reported', '-': null };
const daysOf = (codes: string) => [...codes].map((c) => CODE[c]!);

describe('computeDayFacts', () => {
  // Dates: school days from Monday 17 August 2026; day 6 is Monday 24 August.
  it.each<[string, string, object]>([
    [
      'all unexplained',
      'OOOOOOOOOO',
      {
        counts: { present: 0, valid: 0, unexplained: 10, unknown: 0, notReported: 0 },
        firstDayPresent: null,
        lastDayPresent: null,
        longestAbsentStreak: 10,
        longestAbsentStreakFrom: '2026-08-17',
        longestAbsentStreakTo: '2026-08-28',
      },
    ],
    [
      'no rows at all: every day not reported',
      '----------',
      { counts: { present: 0, valid: 0, unexplained: 0, unknown: 0, notReported: 10 }, longestAbsentStreak: 10 },
    ],
    [
      'all present',
      'PPPPP',
      {
        counts: { present: 5, valid: 0, unexplained: 0, unknown: 0, notReported: 0 },
        firstDayPresent: '2026-08-17',
        lastDayPresent: '2026-08-21',
        longestAbsentStreak: 0,
        longestAbsentStreakFrom: null,
        longestAbsentStreakTo: null,
      },
    ],
    [
      'streak runs across not-reported days',
      'PPPPPG-N-O',
      {
        counts: { present: 5, valid: 1, unexplained: 1, unknown: 0, notReported: 3 },
        longestAbsentStreak: 5,
        longestAbsentStreakFrom: '2026-08-24',
        longestAbsentStreakTo: '2026-08-28',
      },
    ],
    ['earliest of equal streaks', 'OOPFFP', { longestAbsentStreak: 2, longestAbsentStreakFrom: '2026-08-17', longestAbsentStreakTo: '2026-08-18' }],
    ['longer later streak wins', 'OPFFFP', { longestAbsentStreak: 3, longestAbsentStreakFrom: '2026-08-19', longestAbsentStreakTo: '2026-08-21' }],
    ['first and last present', 'OPOPO', { firstDayPresent: '2026-08-18', lastDayPresent: '2026-08-20', longestAbsentStreak: 1 }],
    ['every status counted', 'PGOFN-', { counts: { present: 1, valid: 1, unexplained: 1, unknown: 1, notReported: 2 } }],
    [
      'no observed days',
      '',
      { counts: { present: 0, valid: 0, unexplained: 0, unknown: 0, notReported: 0 }, longestAbsentStreak: 0, longestAbsentStreakFrom: null },
    ],
  ])('%s (%s)', (_name, codes, expected) => {
    expect(computeDayFacts(exampleDates(codes.length), daysOf(codes))).toMatchObject(expected);
  });

  it('treats a days array shorter than the window (no rows) as not reported', () => {
    expect(computeDayFacts(exampleDates(3), []).counts).toEqual({ present: 0, valid: 0, unexplained: 0, unknown: 0, notReported: 3 });
  });
});

describe('summaryFacts', () => {
  const s = (daysPresent: number, v: number | null, u: number | null, k: number | null, first: string | null = null) => ({
    daysPresent,
    validAbsenceDays: v,
    unexplainedAbsenceDays: u,
    unknownAbsenceDays: k,
    firstDayPresent: first,
  });
  it.each<[string, number, ReturnType<typeof s>, object]>([
    [
      'counts add up',
      10,
      s(6, 2, 2, 0, '2026-08-17'),
      { counts: { present: 6, valid: 2, unexplained: 2, unknown: 0, notReported: 0 }, firstDayPresent: '2026-08-17', lastDayPresent: null },
    ],
    ['missing days are not reported', 10, s(0, 0, 3, null), { counts: { present: 0, valid: 0, unexplained: 3, unknown: 0, notReported: 7 } }],
    [
      'more counted than observed: not reported floored at 0',
      5,
      s(4, 2, 1, 0),
      { counts: { present: 4, valid: 2, unexplained: 1, unknown: 0, notReported: 0 } },
    ],
    ['no streak from counts', 10, s(0, 10, 0, 0), { longestAbsentStreak: null, longestAbsentStreakFrom: null, longestAbsentStreakTo: null }],
    ['one day present: it is also the last', 10, s(1, 0, 9, 0, '2026-08-20'), { firstDayPresent: '2026-08-20', lastDayPresent: '2026-08-20' }],
    ['first day present contradicting zero present is dropped', 10, s(0, 0, 10, 0, '2026-08-20'), { firstDayPresent: null, lastDayPresent: null }],
  ])('%s', (_name, observed, summary, expected) => {
    expect(summaryFacts(observed, summary)).toMatchObject(expected);
  });
});

describe('minutesFacts: day counts from minutes ÷ (scheduled ÷ school days)', () => {
  const m = (scheduled: number, attended: number, valid: number | null, unexplained: number | null): SummaryMinutes => ({
    scheduled,
    attended,
    valid,
    unexplained,
  });
  it.each<[string, number, SummaryMinutes, object]>([
    // 10 school days, 2 400 minutes scheduled: 240 minutes a day
    ['never came, all unexplained', 10, m(2400, 0, 0, 2400), { present: 0, valid: 0, unexplained: 10, unknown: 0, notReported: 0 }],
    ['never came, nothing reported', 10, m(2400, 0, null, null), { present: 0, valid: 0, unexplained: 0, unknown: 0, notReported: 10 }],
    ['came every day', 10, m(2400, 2400, 0, 0), { present: 10, valid: 0, unexplained: 0, unknown: 0, notReported: 0 }],
    ['half days of unexplained absence', 10, m(2400, 1440, 0, 960), { present: 6, valid: 0, unexplained: 4, unknown: 0, notReported: 0 }],
    ['rounded to whole days', 10, m(2400, 1800, 300, 300), { present: 8, valid: 1, unexplained: 1, unknown: 0, notReported: 0 }],
    ['ten minutes attended is present, never "not returned"', 10, m(2400, 10, 0, 2390), { present: 1, unexplained: 10, notReported: 0 }],
    ['minutes not accounted for are not reported', 10, m(2400, 1200, 0, 0), { present: 5, valid: 0, unexplained: 0, notReported: 5 }],
    ['nothing scheduled: every day not reported', 10, m(0, 0, 0, 0), { present: 0, valid: 0, unexplained: 0, notReported: 10 }],
    ['no observed day yet', 0, m(2400, 0, 0, 2400), { present: 0, valid: 0, unexplained: 0, notReported: 0 }],
  ])('%s', (_name, observed, minutes, counts) => {
    const facts = minutesFacts(observed, minutes);
    expect(facts.counts).toMatchObject(counts);
    expect(facts).toMatchObject({ minutes, firstDayPresent: null, lastDayPresent: null, longestAbsentStreak: null });
  });
});
