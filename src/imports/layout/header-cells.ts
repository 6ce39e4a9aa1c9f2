/**
 * Reading one header cell: is it a known column name, a date (matrix exports put one
 * date per column), or something else? Header dates may be real Excel date cells,
 * Excel day numbers, or text such as "2026-08-18", "18/8" or "tis 18/8".
 */
import type { CellValue } from '../types';
import { parseHeaderDate } from '../normalise/date';
import { readHeader } from './aliases';
import type { Field } from './fields';
import type { HeaderContext } from './header-rules';

export type HeaderCell =
  | { kind: 'field'; field: Field; text: string; context?: HeaderContext }
  | { kind: 'ambiguous'; fields: Field[]; text: string }
  | { kind: 'date'; date: string; text: string }
  | { kind: 'other'; text: string }
  | { kind: 'empty'; text: '' };

/**
 * Excel day numbers between 2000-01-01 (36526) and 2099-12-31 (73050). Smaller numbers
 * in a header are more likely counts or codes than dates.
 */
const MIN_SERIAL = 36526;
const MAX_SERIAL = 73050;

export function readHeaderCell(cell: CellValue, referenceYear: number): HeaderCell {
  if (cell === null || cell === undefined) return { kind: 'empty', text: '' };
  if (typeof cell === 'string') {
    const text = cell.trim();
    if (text === '') return { kind: 'empty', text: '' };
    const reading = readHeader(text);
    if (reading && 'ambiguous' in reading) return { kind: 'ambiguous', fields: reading.ambiguous, text };
    if (reading) return { kind: 'field', text, ...reading };
    const date = looksLikeDateText(text) ? parseHeaderDate(text, referenceYear) : null;
    if (date?.ok) return { kind: 'date', date: date.value, text };
    return { kind: 'other', text };
  }
  if (cell instanceof Date) {
    const date = parseHeaderDate(cell, referenceYear);
    const text = date.ok ? date.value : String(cell);
    return date.ok ? { kind: 'date', date: date.value, text } : { kind: 'other', text };
  }
  if (typeof cell === 'number') {
    const text = String(cell);
    if (Number.isInteger(cell) && cell >= MIN_SERIAL && cell <= MAX_SERIAL) {
      const date = parseHeaderDate(cell, referenceYear);
      if (date.ok) return { kind: 'date', date: date.value, text };
    }
    return { kind: 'other', text };
  }
  return { kind: 'other', text: String(cell) };
}

/** Dates need a digit; this keeps words like "Mars" (a name) from being parsed. */
function looksLikeDateText(text: string): boolean {
  return /\d/.test(text) && text.length <= 40;
}
