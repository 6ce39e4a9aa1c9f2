import type { CellValue, RawRow } from '../types';
import { detectLayout } from './detect-layout';
import { layoutProblems } from './required';

const rows = (...lines: CellValue[][]): RawRow[] => lines.map((cells, i) => ({ rowNumber: i + 1, cells }));

describe('column mapping saved per school', () => {
  const file = rows(['Export från SkolSys'], ['Id', 'Elevnamn', 'Dag', 'Kod', 'Notering'], ['20110703-2391', 'Omar', '2026-08-18', 'O', null]);

  it('maps unknown headers and finds the header row by them', () => {
    const layout = detectLayout(file, {
      referenceYear: 2026,
      mapping: { personalNumber: 'Id', status: 'kod' },
    });
    expect(layout).toMatchObject({
      headerRow: 2,
      shape: 'daily',
      columns: { personalNumber: 0, fullName: 1, date: 2, status: 3 },
      unknownColumns: ['Notering'],
      missing: [],
    });
    expect(layoutProblems(layout)).toEqual([]);
  });

  it('overrides what detection found, taking the column from the field it had', () => {
    const layout = detectLayout(rows(['Personnummer', 'Datum', 'Närvaro', 'Status']), {
      referenceYear: 2026,
      mapping: { status: 'Status', lesson: 'Närvaro' },
    });
    expect(layout.columns).toEqual({ personalNumber: 0, date: 1, status: 3, lesson: 2 });
  });

  it('reports mapped headers that are not in the file', () => {
    const layout = detectLayout(file, {
      referenceYear: 2026,
      mapping: { personalNumber: 'Id', status: 'Närvarokod' },
    });
    expect(layoutProblems(layout)).toEqual([
      {
        row: 2,
        column: 'Närvarokod',
        message: 'Kolumnen ”Närvarokod”, som har valts för närvaro, finns inte i rubrikraden. Välj kolumnerna på nytt.',
      },
      {
        row: 2,
        column: null,
        message: 'Hittar ingen kolumn för närvaro. Rubrikraden måste innehålla t.ex. ”Närvaro” eller ”Frånvaro (min)”.',
      },
    ]);
  });
});
