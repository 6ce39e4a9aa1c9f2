import type { CellValue } from '../types';
import { normalisePersonalNumber } from './personal-number';

// Every valid number here is one of Skatteverket's test numbers
// (/work/shared/testpersonnummer.txt), which belong to no real person. Invalid ones are
// test numbers with one digit changed.
const REFERENCE = new Date(2026, 7, 18); // term start, Tue 18 August 2026

describe('normalisePersonalNumber: accepted forms', () => {
  it.each<[string, CellValue, string]>([
    ['12 digits with dash', '20100101-2382', '20100101-2382'],
    ['12 digits', '201001012382', '20100101-2382'],
    ['10 digits with dash', '100101-2382', '20100101-2382'],
    ['10 digits', '1001012382', '20100101-2382'],
    ['surrounding spaces', '  100101-2382 ', '20100101-2382'],
    ['spaces inside', '100101 - 2382', '20100101-2382'],
    ['non-breaking space', '\u00a020100101-2382\u00a0', '20100101-2382'],
    ['en dash from autocorrect', '100101\u20132382', '20100101-2382'],
    ['12 digits with plus (redundant, ignored)', '19260104+9030', '19260104-9030'],
    ['the sample file’s YYMMDD-NNNN', '110703-2391', '20110703-2391'],
    ['guardian in the sample file', '19750107-9292', '19750107-9292'],
    ['leap day', '080229-2383', '20080229-2383'],
    ['born 1890, 12 digits', '189001019802', '18900101-9802'],
    ['10 digits with plus: 100 years or older', '900101+9802', '18900101-9802'],
    ['10 digits with plus, born 1926', '260104+9030', '19260104-9030'],
    // Excel numbers
    ['Excel number, 10 digits', 1001012382, '20100101-2382'],
    ['Excel number, 12 digits', 201001012382, '20100101-2382'],
    ['Excel dropped the zero: born 2005, 9 digits', 501012389, '20050101-2389'],
    ['Excel dropped the zero: born 2009', 901012385, '20090101-2385'],
    ['9 digits in a CSV saved from Excel', '501012389', '20050101-2389'],
    ['Excel dropped two zeros: born October 2000', 10012383, '20001001-2383'],
    ['Excel dropped three zeros: born January 2000', 1011493, '20000101-1493'],
  ])('%s: %p → %s', (_name, cell, expected) => {
    expect(normalisePersonalNumber(cell, REFERENCE)).toEqual({
      ok: true,
      value: expected,
      coordination: false,
    });
  });

  it.each<[string, string, Date, string]>([
    // With '-' the person is under 100: the latest such year not after the reference.
    ['not born yet in 2026, so 1926', '260104-9030', new Date(2025, 5, 1), '19260104-9030'],
    ['2010 seen from New Year 2026', '100101-2382', new Date(2026, 0, 1), '20100101-2382'],
    ['with plus, still 1890 in 1991', '900101+9802', new Date(1991, 0, 1), '18900101-9802'],
  ])('century from the reference date: %s (%s)', (_name, input, reference, expected) => {
    expect(normalisePersonalNumber(input, reference)).toMatchObject({ ok: true, value: expected });
  });
});

describe('normalisePersonalNumber: rejected', () => {
  it.each<[string, CellValue, string]>([
    ['empty cell', null, 'Personnumret saknas.'],
    ['only spaces', '   ', 'Personnumret saknas.'],
    ['text', 'abc', '”abc” är inte ett personnummer.'],
    ['a date cell', new Date(Date.UTC(2010, 0, 1)), '”2010-01-01” är inte ett personnummer.'],
    ['a boolean', true, '”SANT” är inte ett personnummer.'],
    ['a decimal number', 1001012382.5, '”1001012382.5” är inte ett personnummer.'],
    ['a negative number', -1001012382, '”-1001012382” är inte ett personnummer.'],
    ['too few digits', '12345', '”12345” är inte ett personnummer: det har 5 siffror, men ett personnummer har 10 eller 12.'],
    ['11 digits', '20100101238', '”20100101238” är inte ett personnummer: det har 11 siffror, men ett personnummer har 10 eller 12.'],
    ['dash in the wrong place', '2010-0101-2382', '”2010-0101-2382” är inte ett personnummer. Skriv det som ÅÅÅÅMMDD-NNNN eller ÅÅMMDD-NNNN.'],
    ['letters (interim numbers are not accepted)', '20100101-T382', '”20100101-T382” är inte ett personnummer.'],
    ['two separators', '100101--2382', '”100101--2382” är inte ett personnummer. Skriv det som ÅÅÅÅMMDD-NNNN eller ÅÅMMDD-NNNN.'],
    // Test number 20100101-2382 with its last digit changed
    ['wrong check digit, 12 digits', '20100101-2383', 'Personnumret 20100101-2383 har fel kontrollsiffra.'],
    ['wrong check digit, 10 digits', '1001012383', 'Personnumret 1001012383 har fel kontrollsiffra.'],
    ['wrong check digit where Excel dropped the zero', 501012388, 'Personnumret 501012388 (läst som 050101-2388) har fel kontrollsiffra.'],
    // Day + 60 without a new check digit is not a coordination number
    ['day + 60, old check digit', '20100161-2382', 'Personnumret 20100161-2382 har fel kontrollsiffra.'],
    ['month 13', '20101301-2382', 'Personnumret 20101301-2382 innehåller inget giltigt födelsedatum.'],
    ['29 February in a common year', '20090229-2383', 'Personnumret 20090229-2383 innehåller inget giltigt födelsedatum.'],
    ['day 92 (coordination day beyond 31)', '20100192-2382', 'Personnumret 20100192-2382 innehåller inget giltigt födelsedatum.'],
    ['century 30', '30100101-2382', 'Personnumret 30100101-2382 innehåller inget giltigt födelsedatum.'],
    [
      'scientific notation from Excel',
      '2,01001E+11',
      'Personnumret ”2,01001E+11” har sparats som ett tal i exponentform och siffror har gått förlorade. ' +
        'Formatera kolumnen som text i Excel och exportera filen igen.',
    ],
  ])('%s: %p', (_name, cell, message) => {
    expect(normalisePersonalNumber(cell, REFERENCE)).toEqual({ ok: false, message });
  });

  it('reads the same cell anew for another reference date (results are remembered per day)', () => {
    expect(normalisePersonalNumber('260104-9030', new Date(2025, 5, 1))).toMatchObject({ value: '19260104-9030' });
    // In 2026 the same text is a baby born 4 January 2026 (not a test number, so not written out).
    const later = normalisePersonalNumber('260104-9030', new Date(2026, 7, 18));
    expect(later.ok && later.value.startsWith('2026')).toBe(true);
  });

  it('throws on an invalid reference date, which is a programming error', () => {
    expect(() => normalisePersonalNumber('100101-2382', new Date(Number.NaN))).toThrow(RangeError);
  });

  it('uses the current date when no reference date is given', () => {
    expect(normalisePersonalNumber('20100101-2382')).toMatchObject({ ok: true, value: '20100101-2382' });
  });
});
