import type { CellValue, RawRow } from '../types';
import { findHeaderRow } from './header-row';

const rows = (...lines: CellValue[][]): RawRow[] => lines.map((cells, i) => ({ rowNumber: i + 1, cells }));
const d = (iso: string): Date => new Date(`${iso}T00:00:00Z`);

describe('findHeaderRow', () => {
  it.each<[string, RawRow[], number | null]>([
    ['header on the first row', rows(['Personnummer', 'Datum', 'Närvaro'], ['1', '2026-08-18', 'N']), 0],
    ['title rows above', rows(['Närvarorapport'], ['Skola: Exempelskolan'], [null], ['Pnr', 'Namn', 'Klass'], ['1', 'A', '9B']), 3],
    ['personal number with date header cells only', rows(['Rapport'], ['Personnummer', d('2026-08-18'), d('2026-08-19')]), 1],
    ['a title that names one column is not a header', rows(['Personnummer'], ['Personnummer', 'Klass']), 1],
    [
      'no personal-number column: the row with the most known columns',
      rows(['Närvaro vecka 34'], ['Namn', 'Klass', 'Datum', 'Närvaro'], ['A', '9B', '2026-08-18', 'N']),
      1,
    ],
    ['nothing known', rows(['a', 'b'], ['c', 'd']), null],
  ])('%s', (_name, input, expected) => {
    expect(findHeaderRow(input, 2026)).toBe(expected);
  });

  it('only looks at the first 30 rows', () => {
    const input = rows(...Array.from({ length: 30 }, () => ['titel']), ['Personnummer', 'Datum']);
    expect(findHeaderRow(input, 2026)).toBeNull();
  });
});
