import type { CellValue } from '../types';
import { normaliseCount } from './integer';

describe('normaliseCount: accepted', () => {
  it.each<[CellValue, number]>([
    [0, 0],
    [3, 3],
    [3.0, 3],
    [2.9999999999999996, 3], // a formula's rounding error
    ['3', 3],
    [' 3 ', 3],
    ['3,0', 3],
    ['3.0', 3],
    ['3,00', 3],
    ['0', 0],
    ['010', 10],
    ['1 200', 1200],
    ['1\u00a0200', 1200], // non-breaking space as thousands separator
  ])('%p → %i', (cell, expected) => {
    expect(normaliseCount(cell)).toEqual({ ok: true, value: expected });
  });
});

describe('normaliseCount: rejected', () => {
  it.each<[CellValue, string]>([
    [null, 'Antalet saknas.'],
    ['  ', 'Antalet saknas.'],
    [3.5, '”3.5” är inget heltal. Skriv ett heltal, till exempel 3.'],
    ['3,5', '”3,5” är inget heltal. Skriv ett heltal, till exempel 3.'],
    [-1, 'Antalet ”-1” är negativt.'],
    ['-1', 'Antalet ”-1” är negativt.'],
    ['\u22122', 'Antalet ”\u22122” är negativt.'], // minus sign from a word processor
    ['abc', '”abc” är inget antal. Skriv ett heltal, till exempel 3.'],
    ['3 dagar', '”3 dagar” är inget antal. Skriv ett heltal, till exempel 3.'],
    ['1e3', '”1e3” är inget antal. Skriv ett heltal, till exempel 3.'],
    [Number.POSITIVE_INFINITY, '”Infinity” är inget antal. Skriv ett heltal, till exempel 3.'],
    [true, '”SANT” är inget antal. Skriv ett heltal, till exempel 3.'],
    [new Date(Date.UTC(2026, 7, 18)), '”2026-08-18” är inget antal. Skriv ett heltal, till exempel 3.'],
  ])('%p', (cell, message) => {
    expect(normaliseCount(cell)).toEqual({ ok: false, message });
  });
});
