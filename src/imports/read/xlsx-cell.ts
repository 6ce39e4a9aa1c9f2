/**
 * Turns an exceljs cell value into the plain CellValue the rest of the import works
 * with. Anything a principal sees as text becomes a trimmed string (rich text, links),
 * formulas give their last computed result (what Excel shows), error cells and blanks
 * become null.
 */
import { CellValue } from '../types';

/** Excel stores dates as day numbers counted from 1899-12-30 (1900 system). */
const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);
const DAY_MS = 86_400_000;

export function toCellValue(value: unknown, dateFormatted = false): CellValue {
  if (value === null || value === undefined) return null;
  switch (typeof value) {
    case 'string': {
      const t = value.trim();
      return t === '' ? null : t;
    }
    case 'number':
      return Number.isFinite(value) ? value : null;
    case 'boolean':
      return value;
    case 'object':
      break;
    default:
      return null;
  }
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value;
  const v = value as Record<string, unknown>;
  if (Array.isArray(v.richText)) {
    return toCellValue((v.richText as { text?: unknown }[]).map((r) => String(r.text ?? '')).join(''));
  }
  if ('error' in v) return null;
  if ('formula' in v || 'sharedFormula' in v) {
    const result = v.result;
    // Formula results come back as bare numbers even in date-formatted cells.
    if (typeof result === 'number' && dateFormatted) return excelSerialToDate(result);
    return typeof result === 'object' && result !== null && 'error' in result ? null : toCellValue(result);
  }
  if ('text' in v) return toCellValue(v.text); // hyperlink: {text, hyperlink}
  return null;
}

/**
 * Day number (1900 date system) to a Date at UTC midnight of that calendar day, the
 * same convention exceljs uses for date cells.
 */
export function excelSerialToDate(serial: number): Date | null {
  if (!Number.isFinite(serial)) return null;
  return new Date(EXCEL_EPOCH_MS + Math.round(serial * DAY_MS));
}
