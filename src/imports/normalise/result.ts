/**
 * What every cell normaliser returns. Normalisers never throw on user data: the import
 * must list every bad cell of a file at once, so a bad cell is a value, not an exception.
 */
import type { CellValue } from '../types';

export type Normalised<T> = { ok: true; value: T } | { ok: false; message: string };

export function ok<T>(value: T): { ok: true; value: T } {
  return { ok: true, value };
}

export function fail(message: string): { ok: false; message: string } {
  return { ok: false, message };
}

/** Longest cell text repeated in a message; a pasted paragraph would drown the list. */
const MAX_QUOTED = 40;

/** The cell as the user sees it, for messages. */
export function cellText(cell: CellValue): string {
  if (cell === null) return '';
  if (typeof cell === 'string') return cell.trim();
  if (typeof cell === 'number') return String(cell);
  if (typeof cell === 'boolean') return cell ? 'SANT' : 'FALSKT'; // as Swedish Excel shows it
  return Number.isNaN(cell.getTime()) ? 'ogiltigt datum' : cell.toISOString().slice(0, 10);
}

/** The cell in Swedish quotation marks (”…”), shortened if long. */
export function quoted(cell: CellValue): string {
  const text = cellText(cell);
  const short = text.length > MAX_QUOTED ? `${text.slice(0, MAX_QUOTED - 1)}…` : text;
  return `”${short}”`;
}

/** True for a cell with nothing in it (null, or only spaces). */
export function isBlank(cell: CellValue): boolean {
  return cell === null || (typeof cell === 'string' && cell.trim() === '');
}
