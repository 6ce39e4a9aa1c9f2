import {
  formatSwedishDate,
  formatSwedishDay,
  formatSwedishDayList,
  formatSwedishNumber,
  formatSwedishPeriod,
  nonSchoolDayWarning,
  swedishList,
} from './swedish-format';

describe('swedishList', () => {
  it.each<[string[], string]>([
    [[], ''],
    [['a'], 'a'],
    [['a', 'b'], 'a och b'],
    [['a', 'b', 'c'], 'a, b och c'],
  ])('%j → %j', (items, text) => {
    expect(swedishList(items)).toBe(text);
  });
});

describe('formatSwedishNumber', () => {
  it.each<[number, number, string]>([
    [0, 0, '0'],
    [999, 0, '999'],
    [2400, 0, '2\u00a0400'],
    [1234567, 0, '1\u00a0234\u00a0567'],
    [12.5, 1, '12,5'],
    [12.04, 1, '12'],
    [2400.25, 2, '2\u00a0400,25'],
    [-3, 0, '\u22123'],
  ])('%d (%d decimals) → %j', (n, decimals, expected) => {
    expect(formatSwedishNumber(n, decimals)).toBe(expected);
  });

  it('writes what toLocaleString("sv-SE") writes for whole numbers', () => {
    for (const n of [0, 7, 2400, 98765, 1000000]) expect(formatSwedishNumber(n)).toBe(n.toLocaleString('sv-SE'));
  });
});

describe('formatSwedishDate', () => {
  it.each([
    ['2026-08-22', false, 'lördag 22 augusti'],
    ['2026-08-18', true, 'tisdag 18 augusti 2026'],
    ['2027-01-06', false, 'onsdag 6 januari'],
    ['2026-03-01', true, 'söndag 1 mars 2026'],
  ])('%s (with year: %s) → %s', (date, withYear, expected) => {
    expect(formatSwedishDate(date, { withYear })).toBe(expected);
  });
});

describe('dates in sentences carry their year', () => {
  it.each([
    ['2026-08-18', '18 augusti 2026'],
    ['2027-01-07', '7 januari 2027'],
    ['2026-12-31', '31 december 2026'],
  ])('formatSwedishDay %s → %s', (date, expected) => {
    expect(formatSwedishDay(date)).toBe(expected);
  });

  it.each([
    ['2026-08-24', '2026-08-24', '24 augusti 2026'],
    ['2026-08-24', '2026-08-28', '24–28 augusti 2026'],
    ['2026-08-31', '2026-09-04', '31 augusti–4 september 2026'],
    ['2026-12-21', '2027-01-08', '21 december 2026–8 januari 2027'],
  ])('formatSwedishPeriod %s %s → %s', (first, last, expected) => {
    expect(formatSwedishPeriod(first, last)).toBe(expected);
  });

  it.each<[string[], string]>([
    [[], ''],
    [['2026-01-13'], 'tisdag 13 januari 2026'],
    [['2026-01-13', '2026-01-14'], 'tisdag 13 januari och onsdag 14 januari 2026'],
    [['2026-01-12', '2026-01-13', '2026-01-16'], 'måndag 12 januari, tisdag 13 januari och fredag 16 januari 2026'],
    [['2026-12-30', '2027-01-04'], 'onsdag 30 december 2026 och måndag 4 januari 2027'],
  ])('formatSwedishDayList %j → %s', (dates, expected) => {
    expect(formatSwedishDayList(dates)).toBe(expected);
  });
});

describe('nonSchoolDayWarning', () => {
  it.each([
    ['2026-08-18', new Set<string>(), null],
    ['2026-08-22', new Set<string>(), 'Raden gäller lördag 22 augusti, som inte är en skoldag. Raden räknas inte.'],
    ['2026-06-06', new Set<string>(), 'Raden gäller lördag 6 juni (nationaldagen), som inte är en skoldag. Raden räknas inte.'],
    ['2026-05-14', new Set<string>(), 'Raden gäller torsdag 14 maj (Kristi himmelsfärdsdag), som inte är en skoldag. Raden räknas inte.'],
    ['2026-10-28', new Set(['2026-10-28']), 'Raden gäller onsdag 28 oktober, som inte är en skoldag enligt kommunens läsårskalender. Raden räknas inte.'],
  ])('%s → %j', (date, days, expected) => {
    expect(nonSchoolDayWarning(date, days)).toBe(expected);
  });

  it('can name the year', () => {
    expect(nonSchoolDayWarning('2027-01-06', new Set(), { withYear: true })).toBe(
      'Raden gäller onsdag 6 januari 2027 (trettondedag jul), som inte är en skoldag. Raden räknas inte.',
    );
  });
});
