/**
 * Dates in the forms attendance exports and Excel produce, to 'YYYY-MM-DD'.
 *
 * Every form is day-first or year-first, as Swedish systems write dates. A date that
 * can only be American (month first, "8/18/2026") is rejected rather than guessed, since
 * in such a file "9/1/2026" would be read as the wrong day without anyone noticing.
 */
import type { CellValue } from '../types';
import { formatIsoDate, isValidDateParts, weekdayOf } from '../../calendar';
import { SWEDISH_MONTHS, SWEDISH_WEEKDAYS } from '../../calendar';
import { fail, isBlank, ok, quoted, type Normalised } from './result';
import { memoise } from './memo';
import { stripDiacritics } from './text';
import { t } from '../../i18n';

/**
 * Years accepted. Attendance is about now; a date outside this range is a typo or a
 * column that holds something else (a count read as an Excel date serial).
 */
export const MIN_YEAR = 2000;
export const MAX_YEAR = 2099;

/** Excel (1900 date system) serial number of 1899-12-30, so serial 1 is 1900-01-01. */
const EXCEL_EPOCH_UTC = Date.UTC(1899, 11, 30);
const DAY_MS = 86_400_000;
/** 9999-12-31, the last date Excel has; larger numbers (a personal number) are no dates. */
const EXCEL_MAX_SERIAL = 2_958_465;

const HOW_TO_WRITE = t('imports.errors.skrivDatumAaaaMm');

/**
 * The calendar date of an Excel serial number in the 1900 date system (46252 →
 * 2026-08-18); a fraction is the time of day and is dropped. Valid from serial 61
 * (1900-03-01): Excel counts a 29 February 1900 that never was, so earlier serials are
 * one day off, and no attendance date is that old. Up to 2958465 (9999-12-31), Excel's
 * last date.
 */
export function excelSerialToIsoDate(serial: number): string | null {
  if (!Number.isFinite(serial) || serial < 61 || serial >= EXCEL_MAX_SERIAL + 1) return null;
  const d = new Date(EXCEL_EPOCH_UTC + Math.floor(serial) * DAY_MS);
  return formatIsoDate(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}

/** A date cell or text, to 'YYYY-MM-DD'. The year must be written out. */
export function normaliseDate(cell: CellValue): Normalised<string> {
  if (isBlank(cell)) return fail('Datumet saknas.');
  if (cell instanceof Date) return fromDateObject(cell);
  if (typeof cell === 'number') return fromNumber(cell);
  if (typeof cell === 'string') return dateText(cell);
  return notADate(cell);
}

const dateText = memoise(10_000, (text) => fromText(text, null));

/**
 * A header cell of a matrix export: everything normaliseDate takes, plus forms without
 * a year ("18/8", "tis 18/8", "18 aug", "tisdag 18 augusti"), which get `defaultYear`.
 * The caller picks the year from the round (the term start's year).
 */
export function parseHeaderDate(cell: CellValue, defaultYear: number): Normalised<string> {
  if (typeof cell === 'string' && !isBlank(cell)) return fromText(cell, defaultYear);
  return normaliseDate(cell);
}

function fromDateObject(cell: Date): Normalised<string> {
  if (Number.isNaN(cell.getTime())) return fail(t('imports.errors.cellenInnehallerOgiltigtDatum'));
  // Readers (exceljs) give an Excel date cell as midnight UTC of that calendar date;
  // local components would move it to the day before on a server west of Greenwich.
  return checked(cell, cell.getUTCFullYear(), cell.getUTCMonth() + 1, cell.getUTCDate());
}

function fromNumber(cell: number): Normalised<string> {
  if (!Number.isFinite(cell) || cell < 0) return notADate(cell);
  // 20260818: a YYYYMMDD date that Excel turned into a number.
  if (Number.isInteger(cell) && cell >= 10_000_000 && cell <= 99_999_999) {
    const n = String(cell);
    return checked(cell, Number(n.slice(0, 4)), Number(n.slice(4, 6)), Number(n.slice(6, 8)));
  }
  // Otherwise an Excel date serial, e.g. from a CSV saved while the column was
  // formatted as a number. Small numbers (counts) are no dates.
  const iso = excelSerialToIsoDate(cell);
  if (iso === null) return notADate(cell);
  const year = Number(iso.slice(0, 4));
  if (year < MIN_YEAR || year > MAX_YEAR) return notADate(cell);
  return ok(iso);
}

// Text forms. Matching is on lower-case text without diacritics ("lördag" → "lordag").

const WEEKDAY_WORDS: ReadonlyMap<string, number> = new Map(
  [
    ['sondag', 'son', 'sunday', 'sun'],
    ['mandag', 'man', 'monday', 'mon'],
    ['tisdag', 'tis', 'tuesday', 'tue', 'tues'],
    ['onsdag', 'ons', 'wednesday', 'wed'],
    ['torsdag', 'tors', 'tor', 'thursday', 'thu', 'thurs'],
    ['fredag', 'fre', 'friday', 'fri'],
    ['lordag', 'lor', 'saturday', 'sat'],
  ].flatMap((words, weekday) => words.map((w): [string, number] => [w, weekday])),
);

const MONTH_WORDS: ReadonlyMap<string, number> = new Map(
  [
    ['januari', 'jan', 'january'],
    ['februari', 'feb', 'february'],
    ['mars', 'mar', 'march'],
    ['april', 'apr'],
    ['maj', 'may'],
    ['juni', 'jun', 'june'],
    ['juli', 'jul', 'july'],
    ['augusti', 'aug', 'august'],
    ['september', 'sep', 'sept'],
    ['oktober', 'okt', 'october', 'oct'],
    ['november', 'nov'],
    ['december', 'dec'],
  ].flatMap((words, i) => words.map((w): [string, number] => [w, i + 1])),
);

/**
 * A time after the date ("2026-08-18 08:00", "2026-08-18T08:00:00Z", "… kl. 8.00"); it is
 * dropped. A time with '.' needs "kl", or "tis 18.08" would lose its date.
 */
const TIME_SUFFIX = /(?:(?:t|\s+)\d{1,2}:\d{2}|\s+kl\.?\s*\d{1,2}[:.]\d{2})(?:[:.]\d{2}(?:[.,]\d+)?)?\s*(?:z|[+-]\d{2}:?\d{2})?$/;

const YEAR_FIRST = /^(\d{4})([-/.])(\d{1,2})\2(\d{1,2})$/; // 2026-08-18, 2026/8/18
const COMPACT = /^(\d{4})(\d{2})(\d{2})$/; // 20260818
const DAY_FIRST = /^(\d{1,2})([-/.])(\d{1,2})(?:\2(\d{4}))?\.?$/; // 18/08/2026, 18.8.2026, 18/8
const TWO_DIGIT_YEAR = /^\d{1,2}([-/.])\d{1,2}\1\d{2}$/; // 18/08/26 or 26-08-18
const WEEKDAY = String.raw`(?:(?!den\s)([a-z]+)\.?,?\s+)?`;
/** [weekday] [den] 18[:e] aug[.] [2026]; or with the day and month as "18/8". */
const DAY_MONTH = new RegExp(String.raw`^${WEEKDAY}(?:den\s+)?(\d{1,2})(?::e|e)?\s*(?:([a-z]+)\.?|([-/.])(\d{1,2})\.?)(?:,?\s+(\d{4}))?$`);
/** [weekday] aug[.] 18[,] [2026], as English-language systems write it. */
const MONTH_DAY = new RegExp(String.raw`^${WEEKDAY}([a-z]+)\.?\s+(\d{1,2})(?:,?\s+(\d{4}))?$`);

function fromText(cell: string, defaultYear: number | null): Normalised<string> {
  const text = stripDiacritics(cell.trim().toLowerCase()).replace(/\s+/g, ' ');
  const date = text.replace(TIME_SUFFIX, '');

  let m = YEAR_FIRST.exec(date);
  if (m) return checked(cell, Number(m[1]), Number(m[3]), Number(m[4]));
  m = COMPACT.exec(date);
  if (m) return checked(cell, Number(m[1]), Number(m[2]), Number(m[3]));

  if (TWO_DIGIT_YEAR.test(date)) {
    return fail(t('imports.errors.datumetBaraTvaSiffror', { quoted: quoted(cell), howToWrite: HOW_TO_WRITE }));
  }

  m = DAY_FIRST.exec(date);
  if (m) return dayFirst(cell, Number(m[1]), Number(m[3]), m[4], defaultYear, null);

  m = DAY_MONTH.exec(date);
  if (m) {
    const [, weekdayWord, day, monthWord, , monthDigits, year] = m;
    const weekday = weekdayNumber(weekdayWord);
    if (weekday === undefined) return notADate(cell);
    if (monthWord === undefined) {
      return dayFirst(cell, Number(day), Number(monthDigits), year, defaultYear, weekday);
    }
    const month = MONTH_WORDS.get(monthWord);
    if (month === undefined) return notADate(cell);
    return withYear(cell, Number(day), month, year, defaultYear, weekday);
  }

  m = MONTH_DAY.exec(date);
  if (m) {
    const [, weekdayWord, monthWord, day, year] = m;
    const weekday = weekdayNumber(weekdayWord);
    const month = MONTH_WORDS.get(monthWord);
    if (weekday === undefined || month === undefined) return notADate(cell);
    return withYear(cell, Number(day), month, year, defaultYear, weekday);
  }

  return notADate(cell);
}

/** null when no weekday was written, undefined when the word is no weekday. */
function weekdayNumber(word: string | undefined): number | null | undefined {
  return word === undefined ? null : WEEKDAY_WORDS.get(word);
}

/** D/M[/YYYY]: refuse what can only be month first (American) instead of guessing. */
function dayFirst(cell: string, day: number, month: number, year: string | undefined, defaultYear: number | null, weekday: number | null): Normalised<string> {
  if (month > 12 && day >= 1 && day <= 12) {
    return fail(t('imports.errors.datumetVerkarVaraSkrivet', { quoted: quoted(cell), howToWrite: HOW_TO_WRITE }));
  }
  return withYear(cell, day, month, year, defaultYear, weekday);
}

function withYear(cell: string, day: number, month: number, year: string | undefined, defaultYear: number | null, weekday: number | null): Normalised<string> {
  let y: number;
  if (year !== undefined) y = Number(year);
  else if (defaultYear !== null) y = defaultYear;
  else return fail(t('imports.errors.datumetSaknarAr', { quoted: quoted(cell), howToWrite: HOW_TO_WRITE }));

  const result = checked(cell, y, month, day);
  // "mån 18 aug 2026" when the 18th is a Tuesday: one of the two is wrong, and we
  // cannot know which.
  if (result.ok && weekday !== null && weekdayOf(result.value) !== weekday) {
    const actual = SWEDISH_WEEKDAYS[weekdayOf(result.value)];
    return fail(t('imports.errors.datumetStammerAr', { quoted: quoted(cell), day, month: SWEDISH_MONTHS[month - 1], y, actual }));
  }
  return result;
}

function checked(cell: CellValue, year: number, month: number, day: number): Normalised<string> {
  if (!isValidDateParts(year, month, day)) return fail(t('imports.errors.datumet', { quoted: quoted(cell) }));
  if (year < MIN_YEAR || year > MAX_YEAR) {
    return fail(t('imports.errors.datumetLiggerUtanforAren', { quoted: quoted(cell), minYear: MIN_YEAR, maxYear: MAX_YEAR }));
  }
  return ok(formatIsoDate(year, month, day));
}

function notADate(cell: CellValue): { ok: false; message: string } {
  return fail(t('imports.errors.arIngetDatum', { quoted: quoted(cell), howToWrite: HOW_TO_WRITE }));
}
