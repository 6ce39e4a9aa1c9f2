import {
  absenceSummaryText,
  anyOfSchoolDaysText,
  dateText,
  daysText,
  looksLikeIsoDate,
  minutesSummaryText,
  minutesText,
  periodText,
  schoolDaysText,
  unexplainedMinutesText,
} from './swedish-text';

describe('minutes', () => {
  it.each([
    [1, '1 minut'],
    [45, '45 minuter'],
    [2400, '2\u00a0400 minuter'],
  ])('%i → %j', (n, text) => {
    expect(minutesText(n)).toBe(text);
  });

  it.each<[number, number, number | null, number | null, string]>([
    [2400, 0, 0, 2400, '0 av 2\u00a0400 schemalagda minuter närvarande, 2\u00a0400 minuter ogiltig frånvaro'],
    [2400, 0, null, null, '0 av 2\u00a0400 schemalagda minuter närvarande, 2\u00a0400 minuter utan rapporterad närvaro'],
    [
      2400,
      1200,
      600,
      1,
      '1\u00a0200 av 2\u00a0400 schemalagda minuter närvarande, 600 minuter giltig frånvaro, 1 minut ogiltig frånvaro, 599 minuter utan rapporterad närvaro',
    ],
  ])('%i scheduled, %i attended, %p valid, %p unexplained', (scheduled, attended, valid, unexplained, text) => {
    expect(minutesSummaryText({ scheduled, attended, valid, unexplained })).toBe(text);
  });

  it('says how unexplained days were counted', () => {
    expect(unexplainedMinutesText({ scheduled: 2400, attended: 1440, valid: 0, unexplained: 960 }, 10)).toBe(
      '960 av 2\u00a0400 schemalagda minuter ogiltig frånvaro, 240 minuter per skoldag',
    );
  });
});

describe('counted phrases', () => {
  it.each([
    [1, '1 dag', '1 skoldag', 'den enda skoldagen'],
    [2, '2 dagar', '2 skoldagar', 'någon av de 2 skoldagarna'],
    [10, '10 dagar', '10 skoldagar', 'någon av de 10 skoldagarna'],
  ])('%i', (n, days, schoolDays, anyOf) => {
    expect(daysText(n)).toBe(days);
    expect(schoolDaysText(n)).toBe(schoolDays);
    expect(anyOfSchoolDaysText(n)).toBe(anyOf);
  });
});

describe('absenceSummaryText', () => {
  it.each([
    [{ valid: 0, unexplained: 10, unknown: 0, notReported: 0 }, '10 dagar ogiltig frånvaro'],
    [{ valid: 3, unexplained: 7, unknown: 0, notReported: 0 }, '3 dagar giltig frånvaro, 7 dagar ogiltig frånvaro'],
    [
      { valid: 1, unexplained: 1, unknown: 1, notReported: 1 },
      '1 dag giltig frånvaro, 1 dag ogiltig frånvaro, 1 dag frånvaro utan angiven orsak, 1 dag utan rapporterad närvaro',
    ],
    [{ valid: 0, unexplained: 0, unknown: 0, notReported: 2 }, '2 dagar utan rapporterad närvaro'],
  ])('%j → %s', (counts, expected) => {
    expect(absenceSummaryText(counts)).toBe(expected);
  });
});

describe('dates', () => {
  it.each([
    ['2026-08-17', '17 augusti 2026'],
    ['2027-01-07', '7 januari 2027'],
  ])('dateText %s → %s (no weekday, with the year)', (iso, expected) => {
    expect(dateText(iso)).toBe(expected);
  });

  it.each([
    ['2026-08-24', '2026-08-24', '24 augusti 2026'],
    ['2026-08-24', '2026-08-28', '24–28 augusti 2026'],
    ['2026-08-31', '2026-09-04', '31 augusti–4 september 2026'],
    ['2026-12-21', '2027-01-08', '21 december 2026–8 januari 2027'],
  ])('periodText %s %s → %s', (from, to, expected) => {
    expect(periodText(from, to)).toBe(expected);
  });

  it.each([
    ['2026-08-17', true],
    ['2026-8-17', false],
    ['VT2026', false],
    ['2026-08-1x', false],
    ['20260817xx', false],
  ])('looksLikeIsoDate %s → %s', (s, expected) => {
    expect(looksLikeIsoDate(s)).toBe(expected);
  });
});
