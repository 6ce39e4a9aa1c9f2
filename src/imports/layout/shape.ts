/**
 * The file's shape (daily, matrix or summary) from the columns found, and the Layout
 * built around it.
 */
import { MINUTE_SUMMARY_FIELDS, type DateColumn, type Field, type Layout, type Shape } from './fields';
import { missingFields } from './required';

/** Summary count columns: any of them makes a file without dates a summary. */
const COUNT_FIELDS: Field[] = ['daysPresent', 'validAbsenceDays', 'unexplainedAbsenceDays', 'unknownAbsenceDays'];

/** Shape, missing fields and unused columns, from the columns assigned so far. */
export function buildLayout(
  headerRow: number,
  headers: string[],
  columns: Partial<Record<Field, number>>,
  dateColumns: DateColumn[],
  unmatchedMapping: Layout['unmatchedMapping'] = [],
  ambiguous: Layout['ambiguous'] = [],
): Layout {
  const { shape, perLesson } = decideShape(columns, dateColumns);
  const used = new Set<number>(Object.values(columns) as number[]);
  if (shape === 'matrix') for (const d of dateColumns) used.add(d.index);
  const unknownColumns = headers.filter((h, i) => h !== '' && !used.has(i));
  return {
    headerRow,
    shape,
    perLesson,
    columns,
    ...(dateColumns.length > 0 ? { dateColumns } : {}),
    headers,
    unknownColumns,
    missing: missingFields(shape, columns),
    unmatchedMapping,
    ambiguous,
  };
}

/**
 * Dates as column headers make a matrix (two at least: one date could be a title or a
 * "per" column). A date column with a status or minutes makes a day file, which is per
 * lesson when it has a lesson or minutes column. Count columns, or minutes attended or
 * absent without a date column, make a summary.
 */
export function decideShape(columns: Partial<Record<Field, number>>, dateColumns: DateColumn[]): { shape: Shape | null; perLesson: boolean } {
  const has = (f: Field): boolean => columns[f] !== undefined;
  const perLesson = has('lesson') || has('absenceMinutes') || has('scheduledMinutes');
  if (!has('date') && dateColumns.length >= 2) return { shape: 'matrix', perLesson: false };
  if (has('date') && (has('status') || has('absenceMinutes'))) return { shape: 'daily', perLesson };
  if (COUNT_FIELDS.some(has)) return { shape: 'summary', perLesson: false };
  if (!has('date') && MINUTE_SUMMARY_FIELDS.some(has)) return { shape: 'summary', perLesson: false };
  if (dateColumns.length >= 2) return { shape: 'matrix', perLesson: false };
  if (has('date') || has('status') || has('absenceMinutes')) return { shape: 'daily', perLesson };
  return { shape: null, perLesson: false };
}
