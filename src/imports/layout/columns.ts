/**
 * Assigns header cells to fields, resolving the few names whose meaning depends on
 * the rest of the file (HeaderContext in header-rules.ts), and noting every column
 * whose meaning is not clear: a header that reads as two fields, or two columns that
 * read as one field. Those become errors naming the columns (required.ts), never a guess.
 */
import type { CellValue, RawRow } from '../types';
import type { DateColumn, Field, Layout } from './fields';
import type { HeaderCell } from './header-cells';
import { DESCRIPTIVE_FIELDS } from './header-rules';

export interface ColumnAssignment {
  columns: Partial<Record<Field, number>>;
  dateColumns: DateColumn[];
  ambiguous: Layout['ambiguous'];
}

/** Day-count fields whose unit-less header means minutes in a summary in minutes. */
const IN_MINUTES: Partial<Record<Field, Field>> = {
  validAbsenceDays: 'validAbsenceMinutes',
  unexplainedAbsenceDays: 'unexplainedAbsenceMinutes',
};

/** How many rows below the header are looked at to tell minutes from status codes. */
const SAMPLE_ROWS = 20;

export function assignColumns(cells: HeaderCell[], dataRows: readonly RawRow[]): ColumnAssignment {
  const columns: Partial<Record<Field, number>> = {};
  const dateColumns: DateColumn[] = [];
  const ambiguousType: number[] = [];
  const unitless: { field: Field; index: number }[] = [];
  /** Later columns read as a field already taken, by field. */
  const again = new Map<Field, number[]>();
  const ambiguous: Layout['ambiguous'] = [];

  const put = (field: Field, index: number): void => {
    if (columns[field] === undefined) columns[field] = index;
    // Two plain "Vårdnadshavare" columns: the second is guardian 2.
    else if (field === 'guardian1' && columns.guardian2 === undefined) columns.guardian2 = index;
    // A second name or class column stays unused; any other is an error below.
    else if (!DESCRIPTIVE_FIELDS.has(field)) again.set(field, [...(again.get(field) ?? []), index]);
  };

  cells.forEach((cell, index) => {
    if (cell.kind === 'date') dateColumns.push({ index, date: cell.date });
    if (cell.kind === 'ambiguous') ambiguous.push({ headers: [cell.text], fields: cell.fields });
    if (cell.kind !== 'field') return;
    if (cell.context === 'minutesIfNumeric' && isNumericColumn(dataRows, index)) put('absenceMinutes', index);
    else if (cell.context === 'typeNextToMinutes') ambiguousType.push(index);
    else if (cell.context === 'minutesBesideMinutes') unitless.push({ field: cell.field, index });
    else put(cell.field, index);
  });
  // Decided after the other columns, since it depends on whether minutes exist.
  for (const index of ambiguousType) {
    const asType = columns.absenceMinutes !== undefined || columns.status !== undefined;
    put(asType ? 'absenceType' : 'status', index);
  }
  const inMinutes = columns.attendedMinutes !== undefined && columns.daysPresent === undefined;
  for (const { field, index } of unitless) put(inMinutes ? (IN_MINUTES[field] ?? field) : field, index);
  for (const [field, indexes] of again) {
    ambiguous.push({ headers: [columns[field]!, ...indexes].map((i) => cells[i]!.text), fields: [field] });
  }
  return { columns, dateColumns, ambiguous };
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
