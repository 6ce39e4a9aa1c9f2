/**
 * Text keys for matching what people type against our vocabularies (column names,
 * status codes, yes/no values). Exports re-saved in Excel, typed by hand, or written by
 * systems without Swedish letters vary in case, spacing, punctuation and å/ä/ö, so all
 * of these compare equal: "Elevens personnummer", "ELEVENS  PERSONNUMMER:",
 * "elevens_personnummer"; and "Frånvaro", "Franvaro", "FRÅNVARO".
 */

/** Letters NFD does not split into base letter + mark. */
const SPECIAL_LETTERS: Record<string, string> = {
  ø: 'o',
  Ø: 'O',
  æ: 'ae',
  Æ: 'AE',
  ß: 'ss',
  ł: 'l',
  Ł: 'L',
  đ: 'd',
  Đ: 'D',
};

/** å→a, ä→a, ö→o, é→e, ü→u …; other characters unchanged. */
export function stripDiacritics(s: string): string {
  return s
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .replace(/[øØæÆßłŁđĐ]/g, (c) => SPECIAL_LETTERS[c] ?? c);
}

/**
 * Lower-case, without diacritics, punctuation (including a byte order mark or
 * non-breaking space) turned into single spaces, trimmed.
 * "  Elevens Personnummer (ÅÅÅÅMMDD-NNNN) " → "elevens personnummer aaaammdd nnnn".
 */
export function normaliseHeader(s: string): string {
  return stripDiacritics(s.toLowerCase())
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** normaliseHeader without spaces: "Giltig frånvaro" and "GiltigFrånvaro" → "giltigfranvaro". */
export function compactKey(s: string): string {
  return normaliseHeader(s).replace(/ /g, '');
}
