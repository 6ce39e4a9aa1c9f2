import Holidays from 'date-holidays';
import { holidayName, isHoliday } from './holidays';

describe('holidayName', () => {
  it.each([
    // Public holidays by law
    ['2026-01-01', 'nyårsdagen'],
    ['2027-01-06', 'trettondedag jul'],
    ['2026-04-03', 'långfredagen'],
    ['2026-04-06', 'annandag påsk'],
    ['2026-05-01', 'första maj'],
    ['2025-05-29', 'Kristi himmelsfärdsdag'],
    ['2026-05-14', 'Kristi himmelsfärdsdag'],
    ['2027-05-06', 'Kristi himmelsfärdsdag'],
    ['2025-06-06', 'nationaldagen'],
    ['2026-06-06', 'nationaldagen'], // a Saturday
    ['2026-12-25', 'juldagen'],
    ['2026-12-26', 'annandag jul'],
    // De-facto holidays the library types 'bank'; we count them (see holidays.ts)
    ['2026-06-19', 'midsommarafton'],
    ['2025-12-24', 'julafton'],
    ['2026-12-31', 'nyårsafton'],
    // Half days and observances are school days
    ['2026-01-05', null], // trettondagsafton
    ['2026-04-02', null], // skärtorsdagen
    ['2026-04-30', null], // valborgsmässoafton
    ['2026-05-25', null], // annandag pingst, no longer a holiday since 2005
    ['2026-10-30', null], // allhelgonaafton
    ['2026-12-13', null], // Luciadagen
    ['2026-08-18', null],
  ])('%s → %j', (date, expected) => {
    expect(holidayName(date)).toBe(expected);
    expect(isHoliday(date)).toBe(expected !== null);
  });

  it.each([2025, 2026, 2027])('the only non-public days counted in %i are midsommarafton, julafton and nyårsafton', (year) => {
    // Guards the decision in holidays.ts: if a library update types another Swedish
    // day as 'bank', this test makes someone look at it instead of it silently
    // becoming a non-school day.
    const bank = new Holidays('SE')
      .getHolidays(year, 'sv')
      .filter((h) => h.type === 'bank')
      .map((h) => h.name);
    expect(bank).toEqual(['midsommarafton', 'julafton', 'nyårsafton']);
  });
});
