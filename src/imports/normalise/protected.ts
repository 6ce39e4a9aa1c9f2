/**
 * The protected-identity column (skyddad identitet, sekretessmarkering). A pupil with
 * protected identity must never have their details shown where they should not be, so
 * only clear yes and no words are accepted; anything else stops the file rather than
 * being guessed as "no".
 */
import type { CellValue } from '../types';
import { cellText, fail, ok, quoted, type Normalised } from './result';
import { stripDiacritics } from './text';
import { t } from '../../i18n';

const YES = ['Ja', 'J', 'X', '1', 'true', 'Sant', 'Yes', 'Y', 'Skyddad', 'Skyddad identitet', 'Sekretessmarkering', 'Sekretessmarkerad'];
const NO = ['Nej', 'N', '0', 'false', 'Falskt', 'No'];

/**
 * Case, spacing and å/ä/ö do not matter; punctuation does: "Ja?" is a question, not a
 * yes, and "-" is not a clear no.
 */
function key(s: string): string {
  return stripDiacritics(s.toLowerCase()).replace(/\s+/g, ' ').trim();
}

const MEANING: ReadonlyMap<string, boolean> = new Map([
  ...YES.map((w): [string, boolean] => [key(w), true]),
  ...NO.map((w): [string, boolean] => [key(w), false]),
]);

/** An empty cell is "no": exports mark only the protected pupils. */
export function normaliseProtectedIdentity(cell: CellValue): Normalised<boolean> {
  if (cell === null) return ok(false);
  if (typeof cell === 'boolean') return ok(cell);
  if (typeof cell === 'number') {
    if (cell === 1) return ok(true);
    if (cell === 0) return ok(false);
    return unknownValue(cell);
  }
  if (typeof cell !== 'string') return unknownValue(cell);
  const text = cellText(cell);
  if (text === '') return ok(false);
  const meaning = MEANING.get(key(text));
  return meaning === undefined ? unknownValue(cell) : ok(meaning);
}

function unknownValue(cell: CellValue): { ok: false; message: string } {
  return fail(t('imports.errors.okantVardeForSkyddad', { quoted: quoted(cell) }));
}
