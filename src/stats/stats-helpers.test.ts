import { median } from './median';
import { daysFromTermStart, locatedBucket, schoolYear } from './periods';
import { isListedSchool, suppress } from './suppression';

describe('suppress', () => {
  it.each([
    [0, 5, '0'],
    [1, 5, '<5'],
    [4, 5, '<5'],
    [5, 5, '5'],
    [6, 5, '6'],
    [120, 5, '120'],
    [2, 3, '<3'],
    [3, 3, '3'],
    [1, 1, '1'],
    [0, 0, '0'],
  ])('count %i with threshold %i → %s', (count, threshold, expected) => {
    expect(suppress(count, threshold)).toBe(expected);
  });
});

describe('isListedSchool', () => {
  it.each([
    [0, 10, false],
    [9, 10, false],
    [10, 10, true],
    [250, 10, true],
    [0, 0, true],
  ])('%i pupils, minimum %i → %s', (pupils, minimum, expected) => {
    expect(isListedSchool(pupils, minimum)).toBe(expected);
  });
});

describe('median', () => {
  it.each([
    [[], null],
    [[4], 4],
    [[3, 1], 2],
    [[5, 1, 3], 3],
    [[10, 2, 4, 8], 6],
    [[1, 2], 1.5],
    [[7, 7, 7], 7],
  ])('%j → %p', (values, expected) => {
    expect(median(values)).toBe(expected);
  });
});

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
