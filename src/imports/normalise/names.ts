/**
 * Pupil names, from one name cell ("Efternamn, Förnamn" or "Förnamn Efternamn") or from
 * separate first- and last-name columns. Names are for people reading a list, not for
 * matching (the personal number identifies the pupil), so they are kept exactly as
 * written apart from spacing and invisible direction controls (see stripBidiControls).
 */
import type { CellValue } from '../types';
import { fail, ok, quoted, stripBidiControls, type Normalised } from './result';
import { t } from '../../i18n';

export interface PersonName {
  firstName: string;
  lastName: string;
}

/** A failure names the cell it is about when the name has two (first, last). */
export type NameResult = { ok: true; value: PersonName } | { ok: false; message: string; part?: 'first' | 'last' };

/** Longer than any real name: a cell this long holds something else (a pasted text). */
export const MAX_NAME_LENGTH = 200;

/**
 * Lower-case words that begin a surname ("Carl von Essen" → "von Essen"). Only in
 * lower case: "De" or "Al" with a capital may as well be a first or middle name.
 */
const SURNAME_PARTICLES = new Set(['af', 'al', 'av', 'bin', 'da', 'de', 'del', 'della', 'der', 'di', 'du', 'el', 'ibn', 'la', 'le', 'van', 'von']);

/** Without bidirectional controls; trimmed, inner runs of spaces (also non-breaking) made one space. */
function tidy(text: string): string {
  return stripBidiControls(text).replace(/\s+/g, ' ').trim();
}

/** Characters as a reader counts them (an emoji is one, not two UTF-16 units). */
function tooLong(text: string): number | null {
  if (text.length <= MAX_NAME_LENGTH) return null;
  const n = [...text].length;
  return n > MAX_NAME_LENGTH ? n : null;
}

function tooLongMessage(what: string, text: string, length: number): string {
  return t('imports.errors.arTeckenLangtNamn', { what, quoted: quoted(text), length, maxNameLength: MAX_NAME_LENGTH });
}

/**
 * One name cell. With a comma it is "Efternamn, Förnamn"; without one, the last word is
 * the surname (with any lower-case particle before it) and the rest the first names.
 * A single word becomes the last name, so the pupil still sorts among the others.
 */
export function splitName(cell: CellValue): Normalised<PersonName> {
  if (cell === null) return fail('Namnet saknas.');
  if (typeof cell !== 'string') return fail(t('imports.errors.arIngetNamn', { quoted: quoted(cell) }));
  const text = tidy(cell);
  if (text === '') return fail('Namnet saknas.');
  const length = tooLong(text);
  if (length !== null) return fail(tooLongMessage('Namnet', text, length));
  if (!/\p{L}/u.test(text)) return fail(t('imports.errors.arIngetNamn', { quoted: quoted(text) }));

  const parts = text.split(',');
  if (parts.length > 2) {
    return fail(t('imports.errors.namnetFleraKommateckenSkriv', { quoted: quoted(text) }));
  }
  if (parts.length === 2) {
    return ok({ lastName: tidy(parts[0]), firstName: tidy(parts[1]) });
  }

  const words = text.split(' ');
  let surnameStart = words.length - 1;
  while (surnameStart > 1 && SURNAME_PARTICLES.has(words[surnameStart - 1])) surnameStart--;
  return ok({
    firstName: words.slice(0, surnameStart).join(' '),
    lastName: words.slice(surnameStart).join(' '),
  });
}

/** Separate first-name and last-name columns; one of them may be empty, not both. */
export function joinNameColumns(first: CellValue, last: CellValue): NameResult {
  for (const [cell, part] of [
    [first, 'first'],
    [last, 'last'],
  ] as const) {
    if (cell !== null && typeof cell !== 'string') return { ...fail(t('imports.errors.arIngetNamn', { quoted: quoted(cell) })), part };
  }
  const firstName = tidy((first as string | null) ?? '');
  const lastName = tidy((last as string | null) ?? '');
  if (firstName === '' && lastName === '') return fail('Namnet saknas.');
  for (const [text, part, what] of [
    [firstName, 'first', 'Förnamnet'],
    [lastName, 'last', 'Efternamnet'],
  ] as const) {
    const length = tooLong(text);
    if (length !== null) return { ...fail(tooLongMessage(what, text, length)), part };
  }
  return ok({ firstName, lastName });
}
