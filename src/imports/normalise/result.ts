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

/**
 * Bidirectional control characters: embeddings and overrides (U+202A–U+202E), isolates
 * (U+2066–U+2069) and the direction marks (U+200E, U+200F, U+061C). In a name (or a cell
 * quoted in a message) they could reorder what is shown next to it on a page or in an
 * export — a right-to-left override turns the text after it around — and no name needs
 * them: right-to-left letters show in their own direction without them.
 */
const BIDI_CONTROLS = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;

export function stripBidiControls(text: string): string {
  return text.replace(BIDI_CONTROLS, '');
}

/** The cell in Swedish quotation marks (”…”), shortened if long, without direction controls. */
export function quoted(cell: CellValue): string {
  const text = stripBidiControls(cellText(cell));
  // Cut between characters, not inside a surrogate pair (𝒜, emoji).
  const short = text.length > MAX_QUOTED && [...text].length > MAX_QUOTED ? `${[...text].slice(0, MAX_QUOTED - 1).join('')}…` : text;
  return `”${short}”`;
}

/** True for a cell with nothing in it (null, or only spaces). */
export function isBlank(cell: CellValue): boolean {
  return cell === null || (typeof cell === 'string' && cell.trim() === '');
}
