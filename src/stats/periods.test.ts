import { daysFromTermStart, locatedBucket, schoolYear } from './periods';

describe('daysFromTermStart', () => {
  it.each([
    ['2026-08-18', '2026-08-18T06:00:00Z', 0],
    ['2026-08-18', '2026-08-17T22:30:00Z', 0], // 00:30 in Stockholm on the 18th
    ['2026-08-18', '2026-08-17T21:30:00Z', -1], // 23:30 on the 17th
    ['2026-08-18', '2026-08-25T12:00:00Z', 7],
    ['2026-08-18', '2026-09-08T12:00:00Z', 21],
    ['2025-01-08', '2025-01-30T23:30:00Z', 23], // CET: 00:30 on the 31st
    ['2026-03-27', '2026-03-30T08:00:00Z', 3], // across the switch to summer time
  ])('%s → %s is %i days', (start, at, expected) => {
    expect(daysFromTermStart(start, at)).toBe(expected);
  });
});

describe('locatedBucket', () => {
  it.each([
    [null, 'notLocated'],
    [-2, 'week1'],
    [0, 'week1'],
    [7, 'week1'],
    [8, 'week3'],
    [21, 'week3'],
    [22, 'later'],
    [90, 'later'],
  ])('%p days → %s', (days, expected) => {
    expect(locatedBucket(days)).toBe(expected);
  });
});

describe('schoolYear', () => {
  it.each([
    ['2025-08-18', '2025/26'],
    ['2026-01-08', '2025/26'],
    ['2026-07-31', '2025/26'],
    ['2026-08-01', '2026/27'],
    ['2099-09-01', '2099/00'],
  ])('%s → %s', (termStart, expected) => {
    expect(schoolYear(termStart)).toBe(expected);
  });
});
