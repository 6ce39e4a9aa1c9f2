/**
 * The personal number an SS 12000 server sends (`civicNo.value`: 12 characters, no
 * separator) checked for the feed: a personnummer or samordningsnummer (day + 60) is
 * accepted; a "temporary" number with letters after the date (e.g. 20130101TF01, allowed
 * by the standard when the school has neither) is refused with a message saying why.
 * The checksum and date rules are the import's (imports/normalise), so a pupil is the
 * same pupil whether a file or the feed brought them. Messages never show the last four.
 */
import { parsePersonalNumber } from '../../imports';
import { t } from '../../i18n';
import { maskNumbers } from '../../shared';
import type { CivicNoCheck } from './types';

const TWELVE_DIGITS = /^\d{12}$/;
/** Date part, then letters among the four last positions (the standard puts them first). */
const TEMPORARY = /^\d{8}(?=[A-Za-z0-9]{4}$)[0-9]*[A-Za-z][A-Za-z0-9]*$/;

const masked = (value: string): string => `${value.slice(0, 8)}-****`;

/**
 * @param referenceDate only matters for 10-digit numbers, which this never accepts; it is
 *   passed on so the import's rules see the same day as the feed (default: now).
 */
export function checkCivicNo(value: string | null | undefined, referenceDate: Date = new Date()): CivicNoCheck {
  const text = (value ?? '').trim();
  if (text === '') return { ok: false, kind: 'ogiltigt', message: t('ss12000.civicNo.missing') };
  if (TEMPORARY.test(text)) return { ok: false, kind: 'tillfalligt', message: t('ss12000.civicNo.temporary', { masked: masked(text) }) };
  if (!TWELVE_DIGITS.test(text)) return { ok: false, kind: 'ogiltigt', message: t('ss12000.civicNo.format', { masked: masked(text) }) };
  const parsed = parsePersonalNumber(text, referenceDate);
  if (!parsed.ok) return { ok: false, kind: 'ogiltigt', message: maskNumbers(parsed.message) };
  return { ok: true, kind: parsed.coordination ? 'samordningsnummer' : 'personnummer', value: parsed.value.replace('-', '') };
}
