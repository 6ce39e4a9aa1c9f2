/**
 * Layout detection: finds the header row, maps columns to fields, decides the file's
 * shape and applies the user's saved mapping. Pure: works on the first rows a reader
 * delivered, no I/O.
 */
import { ImportFileError, RawRow, type CellValue } from '../types';
import { normaliseDate, normalisePersonalNumber } from '../normalise';
import { assignColumns } from './columns';
import type { ColumnMapping, Layout } from './fields';
import { readHeaderCell } from './header-cells';
import { findHeaderRow } from './header-row';
import { applyColumnMapping, findMappedHeaderRow } from './mapping';
import { buildLayout } from './shape';
import { t } from '../../i18n';

export interface DetectOptions {
  /** Year for header dates written without one ("18/8"): the round's term-start year. */
  referenceYear: number;
  /** The user's saved mapping for this school; overrides what is detected. */
  mapping?: ColumnMapping;
}

/**
 * Detects the layout from the first rows of a file (at least the first 30 non-empty
 * rows, plus some data rows below the header when available).
 * Throws ImportFileError when no row looks like a header at all.
 */
export function detectLayout(rows: readonly RawRow[], opts: DetectOptions): Layout {
  const hasMapping = opts.mapping !== undefined && Object.keys(opts.mapping).length > 0;
  const index = (hasMapping ? findMappedHeaderRow(rows, opts.mapping ?? {}) : null) ?? findHeaderRow(rows, opts.referenceYear);
  if (index === null) {
    throw new ImportFileError(t('imports.errors.hittarIngenRubrikradFilen'), 'no-header');
  }
  const headerRow = rows[index];
  const cells = headerRow.cells.map((c) => readHeaderCell(c, opts.referenceYear));
  const { columns, dateColumns, ambiguous } = assignColumns(cells, rows.slice(index + 1));
  const headers = cells.map((c) => c.text);
  const layout = buildLayout(headerRow.rowNumber, headers, columns, dateColumns, [], ambiguous);
  return hasMapping ? applyColumnMapping(layout, opts.mapping ?? {}) : layout;
}

/**
 * When no row looks like a header, the first non-empty row is offered as the header so
 * the user can say which column is which (the web preview's mapping form). Every field
 * is unmapped, so the layout's problems still block the import until they choose.
 */
export function fallbackLayout(rows: readonly RawRow[], referenceYear: number): Layout | null {
  const first = rows.find((r) => r.cells.some((c) => c !== null && String(c).trim() !== ''));
  if (!first) return null;
  // A row holding a personal number, a date or a number is a pupil's data, not headers:
  // offering its cells as column names would show (and store) that pupil's data.
  if (first.cells.some(looksLikeData)) return null;
  const headers = first.cells.map((c) => readHeaderCell(c, referenceYear).text);
  return buildLayout(first.rowNumber, headers, {}, []);
}

function looksLikeData(cell: CellValue): boolean {
  if (cell === null) return false;
  if (typeof cell !== 'string') return true;
  const text = cell.trim();
  return /\d{4}/.test(text) || normalisePersonalNumber(text).ok || normaliseDate(text).ok;
}
