import { isSchoolDay, nonSchoolReason, observedDays, schoolDaysFrom } from './school-days';

const none: ReadonlySet<string> = new Set();
// Höstlov vecka 44 2026 and a study day, as a municipality would enter them.
const municipal: ReadonlySet<string> = new Set(['2026-10-26', '2026-10-27', '2026-10-28', '2026-10-29', '2026-10-30', '2026-09-25']);

describe('nonSchoolReason / isSchoolDay', () => {
  it.each([
    ['2026-08-18', none, null], // tisdag, term start
    ['2026-08-22', none, 'weekend'], // lördag
    ['2026-08-23', none, 'weekend'], // söndag
    ['2026-06-06', none, 'weekend'], // nationaldagen on a Saturday: no weekday lost…
    ['2026-06-05', none, null], // …the Friday before is a school day
    ['2026-06-08', none, null], // …and so is the Monday after
    ['2025-06-06', none, 'holiday'], // nationaldagen on a Friday
    ['2026-05-14', none, 'holiday'], // Kristi himmelsfärdsdag
    ['2026-05-15', none, null], // klämdag: a school day unless the municipality says so
    ['2026-05-15', new Set(['2026-05-15']), 'non-school-day'],
    ['2027-01-06', none, 'holiday'], // trettondedag jul, Wednesday
    ['2027-01-05', none, null], // trettondagsafton is a school day
    ['2026-06-19', none, 'holiday'], // midsommarafton
    ['2025-12-24', none, 'holiday'], // julafton
    ['2026-12-31', none, 'holiday'], // nyårsafton
    ['2026-05-25', none, null], // annandag pingst
    ['2026-10-28', municipal, 'non-school-day'], // höstlov
    ['2026-09-25', municipal, 'non-school-day'], // studiedag
    ['2026-10-31', municipal, 'weekend'], // alla helgons dag, Saturday
    ['2026-12-25', new Set(['2026-12-25']), 'holiday'], // holiday wins over the list
  ])('%s → %s', (date, days, expected) => {
    expect(nonSchoolReason(date, days)).toBe(expected);
    expect(isSchoolDay(date, days)).toBe(expected === null);
  });

  it('throws on a malformed date, which is a programming error', () => {
    expect(() => isSchoolDay('2026-02-30', none)).toThrow(RangeError);
  });
});

describe('schoolDaysFrom', () => {
  it.each([
    [
      'summer: Tue 2026-08-18, 10 days, ends Mon 2026-08-31',
      '2026-08-18',
      10,
      none,
      ['2026-08-18', '2026-08-19', '2026-08-20', '2026-08-21', '2026-08-24', '2026-08-25', '2026-08-26', '2026-08-27', '2026-08-28', '2026-08-31'],
    ],
    [
      'Christmas: from Tue 2027-01-05, 5 days, skips trettondedag jul',
      '2027-01-05',
      5,
      none,
      ['2027-01-05', '2027-01-07', '2027-01-08', '2027-01-11', '2027-01-12'],
    ],
    ['term start on a Sunday starts on the Monday', '2026-08-16', 2, none, ['2026-08-17', '2026-08-18']],
    ['term start on a holiday starts the day after', '2026-01-06', 2, none, ['2026-01-07', '2026-01-08']],
    ['skips the municipality höstlov', '2026-10-22', 4, municipal, ['2026-10-22', '2026-10-23', '2026-11-02', '2026-11-03']],
    ['skips Kristi himmelsfärdsdag 2027', '2027-05-04', 4, none, ['2027-05-04', '2027-05-05', '2027-05-07', '2027-05-10']],
    ['zero days is an empty window', '2026-08-18', 0, none, []],
  ])('%s', (_name, start, count, days, expected) => {
    expect(schoolDaysFrom(start, count, days)).toEqual(expected);
  });

  it.each([[-1], [2.5], [Number.NaN]])('rejects the count %p', (count) => {
    expect(() => schoolDaysFrom('2026-08-18', count, none)).toThrow(RangeError);
  });

  it('stops instead of looping forever when every weekday is marked non-school', () => {
    const everyDay = new Set(schoolDaysFrom('2026-01-01', 600, none));
    expect(() => schoolDaysFrom('2026-01-01', 5, everyDay)).toThrow(RangeError);
  });
});

describe('observedDays', () => {
  const window = schoolDaysFrom('2026-08-18', 10, none);
  it.each([
    ['2026-08-17', []], // before term start
    ['2026-08-18', ['2026-08-18']], // today counts
    ['2026-08-22', ['2026-08-18', '2026-08-19', '2026-08-20', '2026-08-21']], // Saturday
    ['2026-08-24', ['2026-08-18', '2026-08-19', '2026-08-20', '2026-08-21', '2026-08-24']],
    ['2026-09-15', window], // after the window
  ])('today %s → %j', (today, expected) => {
    expect(observedDays(window, today)).toEqual(expected);
  });
});
