/**
 * Percent columns of a summary in minutes ("Frånvaro %": "12,5", "12,5 %", 12.5), read
 * only to cross-check the minutes: the minutes are what is stored. Swedish reports write
 * a decimal comma; Excel re-saves may give a point, and a cell formatted as percent holds
 * the fraction (0.125 for 12,5 %), so a number cell of at most 1 may be either.
 */
import type { CellValue } from '../types';
import { fail, ok, quoted, type Normalised } from './result';
import { t } from '../../i18n';

/** "12,5", "12.5", " 12,5 % ", "100": a number from 0 to 100, with at most one decimal separator. */
const PERCENT_TEXT = /^(\d{1,3})(?:[.,](\d+))?\s*%?$/;

/** What a percent cell may mean, in percent: one value, or two for a number cell of at most 1. */
export function normalisePercent(cell: CellValue): Normalised<number[]> {
  if (typeof cell === 'number' && Number.isFinite(cell) && cell >= 0 && cell <= 100) {
    return ok(cell <= 1 ? [cell, cell * 100] : [cell]);
  }
  if (typeof cell === 'string') {
    const m = PERCENT_TEXT.exec(cell.replace(/[\u00a0\u202f]/g, ' ').trim());
    const value = m ? Number(`${m[1]}.${m[2] ?? '0'}`) : NaN;
    if (value >= 0 && value <= 100) return ok([value]);
  }
  return fail(t('imports.errors.arIngenProcentsatsSkriv', { quoted: quoted(cell) }));
}

/** Percentage points a report's rounding may differ from the minutes by. */
export const PERCENT_TOLERANCE = 1;

/** Whether one of the cell's readings is within the tolerance of `expected` percent. */
export function percentAgrees(readings: readonly number[], expected: number): boolean {
  return readings.some((r) => Math.abs(r - expected) <= PERCENT_TOLERANCE);
}
