/**
 * Counts in summary exports (days present, days of valid absence …) and minutes in
 * lesson exports: whole numbers, zero or more, as a number cell or as text.
 */
import type { CellValue } from '../types';
import { fail, isBlank, ok, quoted, type Normalised } from './result';
import { t } from '../../i18n';

/**
 * How far from a whole number an Excel number may be and still be that number: a count
 * computed by a formula can come out as 2.9999999999999996.
 */
const ROUNDING = 1e-9;

/** "3", " 3 ", "3,0", "3.0", "1 200" (space as thousands separator). */
const WHOLE_NUMBER_TEXT = /^(\d+)(?:[.,]0+)?$/;

export function normaliseCount(cell: CellValue): Normalised<number> {
  if (isBlank(cell)) return fail('Antalet saknas.');
  if (typeof cell === 'number') return fromNumber(cell, cell);
  if (typeof cell !== 'string') return notACount(cell);

  const text = cell.replace(/[\s\u00a0\u202f]+/g, '');
  const m = WHOLE_NUMBER_TEXT.exec(text);
  if (m) return fromNumber(cell, Number(m[1]));
  if (/^[-\u2212]\d+(?:[.,]\d+)?$/.test(text)) return fail(t('imports.errors.antaletArNegativt', { quoted: quoted(cell) }));
  if (/^\d+[.,]\d+$/.test(text)) return notWhole(cell);
  return notACount(cell);
}

function fromNumber(cell: CellValue, n: number): Normalised<number> {
  if (!Number.isFinite(n)) return notACount(cell);
  const whole = Math.round(n);
  if (Math.abs(n - whole) > ROUNDING) return notWhole(cell);
  if (whole < 0) return fail(t('imports.errors.antaletArNegativt', { quoted: quoted(cell) }));
  if (!Number.isSafeInteger(whole)) return notACount(cell);
  return ok(whole);
}

function notWhole(cell: CellValue): { ok: false; message: string } {
  return fail(t('imports.errors.arIngetHeltalSkriv', { quoted: quoted(cell) }));
}

function notACount(cell: CellValue): { ok: false; message: string } {
  return fail(t('imports.errors.arIngetAntalSkriv', { quoted: quoted(cell) }));
}
