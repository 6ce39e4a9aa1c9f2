/**
 * Finds the header row. Exports often start with title rows ("Närvarorapport",
 * "Skola: Exempelskolan", a period, blank rows), so the header is the first row, among
 * the first rows of the file, that names a personal-number column together with at
 * least one other known column or with dates (a matrix header).
 */
import type { RawRow } from '../types';
import { readHeaderCell, HeaderCell } from './header-cells';

/** How many non-empty rows from the top are searched for the header. */
export const HEADER_SCAN_ROWS = 30;

/**
 * Index (into `rows`) of the header row, or null. When no row names a personal-number
 * column, the row naming the most known columns (at least two) is taken, so the user
 * is told exactly which column is missing rather than that no header was found.
 */
export function findHeaderRow(rows: readonly RawRow[], referenceYear: number): number | null {
  const limit = Math.min(rows.length, HEADER_SCAN_ROWS);
  let fallback: number | null = null;
  let fallbackScore = 1;
  for (let i = 0; i < limit; i++) {
    const cells = rows[i].cells.map((c) => readHeaderCell(c, referenceYear));
    const fields = new Set(cells.flatMap((c) => (c.kind === 'field' ? [c.field] : [])));
    const dates = countDates(cells);
    if (fields.has('personalNumber') && (fields.size >= 2 || dates >= 1)) return i;
    const score = fields.size + (dates >= 2 ? 1 : 0);
    if (score > fallbackScore) {
      fallback = i;
      fallbackScore = score;
    }
  }
  return fallback;
}

function countDates(cells: HeaderCell[]): number {
  let n = 0;
  for (const c of cells) if (c.kind === 'date') n++;
  return n;
}
