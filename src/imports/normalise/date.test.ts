import type { CellValue } from '../types';
import { excelSerialToIsoDate, normaliseDate, parseHeaderDate } from './date';

const HOW = 'Skriv datum som ÅÅÅÅ-MM-DD, till exempel 2026-08-18.';

describe('excelSerialToIsoDate', () => {
  it.each<[number, string | null]>([
    [46252, '2026-08-18'], // term start in the sample files
    [46252.75, '2026-08-18'], // 18:00 the same day
    [46023, '2026-01-01'],
    [45351, '2024-02-29'], // leap day
    [36526, '2000-01-01'],
    [61, '1900-03-01'], // first serial after Excel's phantom 29 February 1900
    [2958465, '9999-12-31'], // Excel's last date
    [2958466, null],
    [1107032391, null], // a personal number stored as a number
    [60, null],
    [0, null],
    [Number.NaN, null],
  ])('%p → %p', (serial, expected) => {
    expect(excelSerialToIsoDate(serial)).toBe(expected);
  });
});

describe('normaliseDate: accepted forms', () => {
  it.each<[string, CellValue, string]>([
    ['xlsx date cell (UTC midnight)', new Date(Date.UTC(2026, 7, 18)), '2026-08-18'],
    ['xlsx date cell with a time', new Date(Date.UTC(2026, 7, 18, 23, 30)), '2026-08-18'],
    ['Excel serial number', 46252, '2026-08-18'],
    ['Excel serial with time', 46252.3333, '2026-08-18'],
    ['YYYYMMDD as a number', 20260818, '2026-08-18'],
    ['YYYY-MM-DD', '2026-08-18', '2026-08-18'],
    ['YYYY-M-D', '2026-8-3', '2026-08-03'],
    ['YYYYMMDD', '20260818', '2026-08-18'],
    ['YYYY/MM/DD', '2026/08/18', '2026-08-18'],
    ['YYYY.MM.DD', '2026.08.18', '2026-08-18'],
    ['DD/MM/YYYY', '18/08/2026', '2026-08-18'],
    ['D/M/YYYY', '3/9/2026', '2026-09-03'], // day first: 3 September
    ['D.M.YYYY', '18.8.2026', '2026-08-18'],
    ['DD-MM-YYYY', '18-08-2026', '2026-08-18'],
    ['surrounding spaces', '  2026-08-18 ', '2026-08-18'],
    ['with time', '2026-08-18 08:00', '2026-08-18'],
    ['with seconds', '2026-08-18 08:00:00', '2026-08-18'],
    ['ISO with T and Z', '2026-08-18T08:00:00.000Z', '2026-08-18'],
    ['ISO with offset', '2026-08-18T08:00:00+02:00', '2026-08-18'],
    ['day first with time', '18.8.2026 8:15', '2026-08-18'],
    ['with "kl."', '2026-08-18 kl. 08.00', '2026-08-18'],
    ['18 aug 2026', '18 aug 2026', '2026-08-18'],
    ['18 aug. 2026', '18 aug. 2026', '2026-08-18'],
    ['18 augusti 2026', '18 augusti 2026', '2026-08-18'],
    ['18 Augusti 2026', '18 Augusti 2026', '2026-08-18'],
    ['tis 18 aug 2026', 'tis 18 aug 2026', '2026-08-18'],
    ['tis. 18 aug 2026', 'tis. 18 aug 2026', '2026-08-18'],
    ['tisdag 18 augusti 2026', 'tisdag 18 augusti 2026', '2026-08-18'],
    ['Tisdag, 18 augusti 2026', 'Tisdag, 18 augusti 2026', '2026-08-18'],
    ['tisdag den 18 augusti 2026', 'tisdag den 18 augusti 2026', '2026-08-18'],
    ['den 18:e augusti 2026', 'den 18:e augusti 2026', '2026-08-18'],
    ['lördag with ö', 'lördag 22 aug 2026', '2026-08-22'],
    ['lordag without ö', 'lordag 22 aug 2026', '2026-08-22'],
    ['mån 31 aug 2026', 'mån 31 aug 2026', '2026-08-31'],
    ['sön 1 mars 2026', 'sön 1 mars 2026', '2026-03-01'],
    ['6 maj 2027', '6 maj 2027', '2027-05-06'],
    ['okt', '30 okt 2026', '2026-10-30'],
    ['sept', '1 sept 2026', '2026-09-01'],
    ['English day-first', 'Tue 18 Aug 2026', '2026-08-18'],
    ['English month-first words', 'Aug 18, 2026', '2026-08-18'],
    ['English month-first with weekday', 'Tuesday, August 18, 2026', '2026-08-18'],
    ['text date with time', 'tis 18 aug 2026 08:00', '2026-08-18'],
    ['leap day', '2028-02-29', '2028-02-29'],
  ])('%s: %p → %s', (_name, cell, expected) => {
    expect(normaliseDate(cell)).toEqual({ ok: true, value: expected });
  });
});

describe('normaliseDate: rejected', () => {
  it.each<[string, CellValue, string]>([
    ['empty', null, 'Datumet saknas.'],
    ['spaces', '  ', 'Datumet saknas.'],
    ['30 February', '2026-02-30', 'Datumet ”2026-02-30” finns inte.'],
    ['29 February in a common year', '29/2/2026', 'Datumet ”29/2/2026” finns inte.'],
    ['month 13', '2026-13-01', 'Datumet ”2026-13-01” finns inte.'],
    ['YYYYMMDD number that is no date', 20261318, 'Datumet ”20261318” finns inte.'],
    ['31 in a 30-day month', '31 sep 2026', 'Datumet ”31 sep 2026” finns inte.'],
    ['month first (American)', '8/18/2026', `Datumet ”8/18/2026” verkar vara skrivet med månaden först (amerikanskt format). ${HOW}`],
    ['two-digit year', '18/08/26', `Datumet ”18/08/26” har bara två siffror i året. ${HOW}`],
    ['two-digit year first', '26-08-18', `Datumet ”26-08-18” har bara två siffror i året. ${HOW}`],
    ['no year', '18 aug', `Datumet ”18 aug” saknar år. ${HOW}`],
    ['no year, digits', '18/8', `Datumet ”18/8” saknar år. ${HOW}`],
    ['weekday does not match', 'mån 18 aug 2026', 'Datumet ”mån 18 aug 2026” stämmer inte: 18 augusti 2026 är en tisdag.'],
    ['unknown month word', '18 augs 2026', `”18 augs 2026” är inget datum. ${HOW}`],
    ['unknown weekday word', 'tisd 18 aug 2026', `”tisd 18 aug 2026” är inget datum. ${HOW}`],
    ['text', 'igår', `”igår” är inget datum. ${HOW}`],
    ['a count', 3, `”3” är inget datum. ${HOW}`],
    ['serial before 2000', 36000, `”36000” är inget datum. ${HOW}`],
    ['a personal number', 1107032391, `”1107032391” är inget datum. ${HOW}`],
    ['negative', -46252, `”-46252” är inget datum. ${HOW}`],
    ['year 1999', '1999-12-31', 'Datumet ”1999-12-31” ligger utanför åren 2000–2099.'],
    ['date cell in 1900', new Date(Date.UTC(1900, 0, 18)), 'Datumet ”1900-01-18” ligger utanför åren 2000–2099.'],
    ['invalid date object', new Date(Number.NaN), 'Cellen innehåller ett ogiltigt datum.'],
    ['boolean', false, `”FALSKT” är inget datum. ${HOW}`],
  ])('%s: %p', (_name, cell, message) => {
    expect(normaliseDate(cell)).toEqual({ ok: false, message });
  });
});

describe('parseHeaderDate', () => {
  it.each<[CellValue, string]>([
    ['18/8', '2026-08-18'],
    ['18/08', '2026-08-18'],
    ['18.8', '2026-08-18'],
    ['18.8.', '2026-08-18'],
    ['tis 18/8', '2026-08-18'],
    ['Tis 18/8', '2026-08-18'],
    ['tis 18.08', '2026-08-18'], // not mistaken for the time 18.08
    ['18 aug', '2026-08-18'],
    ['tis 18 aug', '2026-08-18'],
    ['tisdag 18 augusti', '2026-08-18'],
    ['lör 22/8', '2026-08-22'],
    ['Aug 18', '2026-08-18'],
    // Full dates keep their own year
    ['2026-08-18', '2026-08-18'],
    ['18/8 2027', '2027-08-18'],
    ['tis 5 jan 2027', '2027-01-05'],
    [new Date(Date.UTC(2026, 7, 18)), '2026-08-18'],
    [46252, '2026-08-18'],
  ])('%p with default year 2026 → %s', (cell, expected) => {
    expect(parseHeaderDate(cell, 2026)).toEqual({ ok: true, value: expected });
  });

  it.each<[CellValue, string]>([
    ['Personnummer', `”Personnummer” är inget datum. ${HOW}`],
    ['Namn', `”Namn” är inget datum. ${HOW}`],
    [null, 'Datumet saknas.'],
    ['8/18', `Datumet ”8/18” verkar vara skrivet med månaden först (amerikanskt format). ${HOW}`],
    ['29/2', 'Datumet ”29/2” finns inte.'], // 2026 is a common year
    ['mån 18/8', 'Datumet ”mån 18/8” stämmer inte: 18 augusti 2026 är en tisdag.'],
  ])('%p with default year 2026 is rejected', (cell, message) => {
    expect(parseHeaderDate(cell, 2026)).toEqual({ ok: false, message });
  });

  it('uses the default year for leap days', () => {
    expect(parseHeaderDate('29/2', 2028)).toEqual({ ok: true, value: '2028-02-29' });
  });
});
