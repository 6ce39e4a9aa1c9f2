import { addDays, isValidDateParts, parseIsoDate, weekdayOf } from './iso-date';

describe('parseIsoDate', () => {
  it.each([
    ['2026-08-18', { year: 2026, month: 8, day: 18 }],
    ['2028-02-29', { year: 2028, month: 2, day: 29 }], // leap year
    ['2026-02-29', null], // not a leap year
    ['2026-02-30', null],
    ['2026-13-01', null],
    ['2026-8-18', null], // the program's own form is always zero-padded
    ['20260818', null],
    ['', null],
  ])('%j → %j', (input, expected) => {
    expect(parseIsoDate(input)).toEqual(expected);
  });
});

describe('isValidDateParts', () => {
  it.each([
    [2026, 4, 30, true],
    [2026, 4, 31, false],
    [2000, 2, 29, true], // divisible by 400
    [1900, 2, 29, false], // divisible by 100
    [2026, 0, 1, false],
    [2026, 1, 0, false],
    [2026, 1.5, 1, false],
  ])('%i-%i-%i → %s', (y, m, d, expected) => {
    expect(isValidDateParts(y, m, d)).toBe(expected);
  });
});

describe('weekdayOf', () => {
  it.each([
    ['2026-08-18', 2], // tisdag
    ['2026-06-06', 6], // lördag
    ['2027-01-06', 3], // onsdag
    ['2026-03-29', 0], // söndag, the day summer time starts
  ])('%s → %i', (date, expected) => {
    expect(weekdayOf(date)).toBe(expected);
  });

  it('throws on a malformed date, which is a programming error', () => {
    expect(() => weekdayOf('18/8')).toThrow(RangeError);
  });
});

describe('addDays', () => {
  it.each([
    ['2026-08-31', 1, '2026-09-01'],
    ['2026-12-31', 1, '2027-01-01'],
    ['2026-03-28', 1, '2026-03-29'], // across the start of summer time
    ['2026-03-29', 1, '2026-03-30'],
    ['2026-10-25', 1, '2026-10-26'], // across the end of summer time
    ['2028-02-28', 1, '2028-02-29'],
    ['2026-08-18', -18, '2026-07-31'],
  ])('%s + %i → %s', (date, days, expected) => {
    expect(addDays(date, days)).toBe(expected);
  });
});
