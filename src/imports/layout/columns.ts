/**
 * Assigns header cells to fields, resolving the few names whose meaning depends on
 * the rest of the file (see CONTEXT rules in aliases.ts).
 */
import type { CellValue, RawRow } from '../types';
import { headerKey, MINUTES_IF_NUMERIC, TYPE_NEXT_TO_MINUTES } from './aliases';
import type { DateColumn, Field } from './fields';
import type { HeaderCell } from './header-cells';

export interface ColumnAssignment {
  columns: Partial<Record<Field, number>>;
  dateColumns: DateColumn[];
}

/** How many rows below the header are looked at to tell minutes from status codes. */
const SAMPLE_ROWS = 20;

export function assignColumns(cells: HeaderCell[], dataRows: readonly RawRow[]): ColumnAssignment {
  const columns: Partial<Record<Field, number>> = {};
  const dateColumns: DateColumn[] = [];
  const ambiguousType: number[] = [];

  const put = (field: Field, index: number): void => {
    if (columns[field] === undefined) columns[field] = index;
    // Two plain "Vårdnadshavare" columns: the second is guardian 2.
    else if (field === 'guardian1' && columns.guardian2 === undefined) columns.guardian2 = index;
    // Otherwise the first column wins and later duplicates stay unused.
  };

  cells.forEach((cell, index) => {
    if (cell.kind === 'date') dateColumns.push({ index, date: cell.date });
    if (cell.kind !== 'field') return;
    const key = headerKey(cell.text);
    if (MINUTES_IF_NUMERIC.has(key) && isNumericColumn(dataRows, index)) put('absenceMinutes', index);
    else if (TYPE_NEXT_TO_MINUTES.has(key)) ambiguousType.push(index);
    else put(cell.field, index);
  });
  // Decided after the other columns, since it depends on whether minutes exist.
  for (const index of ambiguousType) {
    const asType = columns.absenceMinutes !== undefined || columns.status !== undefined;
    put(asType ? 'absenceType' : 'status', index);
  }
  return { columns, dateColumns };
}

function isNumericColumn(rows: readonly RawRow[], index: number): boolean {
  let seen = 0;
  for (const row of rows.slice(0, SAMPLE_ROWS)) {
    const v: CellValue = row.cells[index] ?? null;
    if (v === null) continue;
    if (typeof v === 'number' || (typeof v === 'string' && /^\d+([.,]\d+)?$/.test(v))) seen++;
    else return false;
  }
  return seen > 0;
}
