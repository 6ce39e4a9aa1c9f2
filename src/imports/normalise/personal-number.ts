/**
 * Personal numbers (personnummer) and coordination numbers (samordningsnummer) in any
 * form principals' exports contain, to one canonical form 'YYYYMMDD-NNNN', so the same
 * pupil is the same pupil in every upload, school and round.
 *
 * The checksum and the date are validated by the maintained `personnummer` package, not
 * by our own code. We only do what the package cannot: undo what Excel does to the
 * numbers, and choose the century of a 10-digit number relative to a reference date we
 * control (the package uses the machine clock).
 */
import Personnummer from 'personnummer';
import type { CellValue } from '../types';
import { isValidDateParts } from '../../calendar';
import { cellText, fail, isBlank, quoted } from './result';
import { t } from '../../i18n';

export type PersonalNumberResult = { ok: true; value: string; coordination: boolean } | { ok: false; message: string };

/** 12 or 10 digits, optionally with '-' or '+' before the last four. */
const PERSONAL_NUMBER = /^(\d{2})?(\d{2})(\d{2})(\d{2})([-+]?)(\d{4})$/;

/** Dashes that Word, Excel autocorrect and web forms put in place of a hyphen. */
const DASHES = /[\u2010\u2011\u2012\u2013\u2014\u2212]/g;

/** "2,00501E+11": Excel showed a long number in scientific notation and a CSV kept it. */
const SCIENTIFIC = /^\d+([.,]\d+)?e\+?\d+$/i;

const PACKAGE_OPTIONS = { allowCoordinationNumber: true, allowInterimNumber: false };

/**
 * @param referenceDate decides the century of 10-digit numbers (default: now). The
 *   import passes the round's date, so that re-evaluating an old round reads its
 *   numbers the same way.
 */
export function normalisePersonalNumber(cell: CellValue, referenceDate: Date = new Date()): PersonalNumberResult {
  if (Number.isNaN(referenceDate.getTime())) throw new RangeError('Invalid reference date'); // a bug
  if (typeof cell !== 'string' && typeof cell !== 'number') return parse(cell, referenceDate);
  // The century rule depends only on the reference's calendar date (see centuryFor).
  const day = `${referenceDate.getFullYear()}-${referenceDate.getMonth()}-${referenceDate.getDate()}`;
  return remembered(`${typeof cell}|${day}|${cell}`, cell, referenceDate);
}

/** Results per (cell, reference day); each pupil's number repeats on every row. */
let memo = new Map<string, PersonalNumberResult>();
const MEMO_LIMIT = 50_000;

function remembered(key: string, cell: string | number, referenceDate: Date): PersonalNumberResult {
  let result = memo.get(key);
  if (!result) {
    result = Object.freeze(parse(cell, referenceDate));
    if (memo.size >= MEMO_LIMIT) memo = new Map();
    memo.set(key, result);
  }
  return result;
}

/** normalisePersonalNumber without the memo, for a caller that keeps results itself. */
export function parsePersonalNumber(cell: CellValue, referenceDate: Date): PersonalNumberResult {
  if (Number.isNaN(referenceDate.getTime())) throw new RangeError('Invalid reference date'); // a bug
  return parse(cell, referenceDate);
}

function parse(cell: CellValue, referenceDate: Date): PersonalNumberResult {
  if (isBlank(cell)) return fail('Personnumret saknas.');

  const written = cellText(cell);
  let text: string;
  if (typeof cell === 'number') {
    if (!Number.isSafeInteger(cell) || cell < 0) return notAPersonalNumber(cell);
    text = String(cell);
  } else if (typeof cell === 'string') {
    // Spaces anywhere ("100101 - 2382", a non-breaking space from a web page) carry no
    // meaning in a personal number.
    text = cell.replace(/\s+/g, '').replace(DASHES, '-');
    if (SCIENTIFIC.test(text)) {
      return fail(t('imports.errors.personnumretSparatsTalExponentform', { quoted: quoted(cell) }));
    }
  } else {
    return notAPersonalNumber(cell);
  }

  // Excel stores YYMMDDNNNN as a number and drops its leading zeros: pupils born
  // 2000–2009 ("0501012389" → 501012389), guardians born in 2000 lose two or three.
  // A 12-digit number starts with 18, 19 or 20, so only a 10-digit one can lose
  // zeros, and putting them back is the only reading of 7–9 digits.
  const restored = /^\d{7,9}$/.test(text);
  if (restored) text = text.padStart(10, '0');

  const m = PERSONAL_NUMBER.exec(text);
  if (!m) {
    const digits = text.replace(/\D/g, '');
    if (/^[\d+-]+$/.test(text) && digits.length > 0) {
      return fail(
        digits.length === 10 || digits.length === 12
          ? t('imports.errors.arPersonnummerSkrivAaaammdd', { quoted: quoted(cell) })
          : t('imports.errors.arPersonnummerSiffrorMen', { quoted: quoted(cell), digitsCount: digits.length }),
      );
    }
    return notAPersonalNumber(cell);
  }
  const [, givenCentury, yy, mm, dd, sep, last4] = m;

  const century = givenCentury ?? centuryFor(yy, mm, dd, sep === '+', referenceDate);
  const year = Number(century + yy);
  // A coordination number is the birth date with 60 added to the day.
  const birthDay = Number(dd) > 60 ? Number(dd) - 60 : Number(dd);
  const shown = restored ? t('imports.errors.personalNumberReadAs', { written, number: `${text.slice(0, 6)}-${text.slice(-4)}` }) : written;
  // Only 18xx–20xx are possible: 12 digits starting otherwise are two numbers run together
  // or a typo, and the package alone would accept e.g. year 3001.
  if (!/^(18|19|20)$/.test(century) || !isValidDateParts(year, Number(mm), birthDay)) {
    return fail(t('imports.errors.personnumretInnehallerIngetGiltigt', { shown }));
  }

  let parsed: Personnummer;
  try {
    parsed = Personnummer.parse(`${century}${yy}${mm}${dd}${last4}`, PACKAGE_OPTIONS);
  } catch {
    // The date is valid (checked above), so the package rejected the check digit (or
    // the number 000, which is never issued).
    return fail(t('imports.errors.personnumretFelKontrollsiffra', { shown }));
  }
  const digits = parsed.format(true);
  return {
    ok: true,
    value: `${digits.slice(0, 8)}-${digits.slice(8)}`,
    coordination: parsed.isCoordinationNumber(),
  };
}

/**
 * The century of a 10-digit number, as Skatteverket writes them: with '-' the person is
 * under 100, with '+' 100 or older. So '-' means the latest year ending in YY that is
 * not after the reference date, '+' the latest such year at least 100 years back.
 */
function centuryFor(yy: string, mm: string, dd: string, plus: boolean, reference: Date): string {
  const referenceYear = reference.getFullYear() - (plus ? 100 : 0);
  let year = referenceYear - ((((referenceYear - Number(yy)) % 100) + 100) % 100);
  if (!plus) {
    // Born later this year than the reference date: that person is not born yet, so
    // the number belongs to someone born a century earlier.
    const day = Number(dd) > 60 ? Number(dd) - 60 : Number(dd);
    const birth = new Date(year, Number(mm) - 1, day);
    if (birth.getTime() > reference.getTime()) year -= 100;
  }
  return String(year).slice(0, 2);
}

function notAPersonalNumber(cell: CellValue): { ok: false; message: string } {
  return fail(t('imports.errors.arPersonnummer', { quoted: quoted(cell) }));
}
