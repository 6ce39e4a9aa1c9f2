/**
 * A column name as words, the way a Swedish reader sees them: without case, diacritics,
 * punctuation, parentheses or a trailing format hint; "%" as the word "procent"; a number
 * written onto a word apart ("VH1" → vh 1); and compounds of known words split
 * ("Frånvarominuter" → frånvaro minuter, "Lektionsdatum" → lektion datum, with the
 * Swedish linking s), so the rules in header-rules.ts need only list the parts.
 */
import { normaliseHeader, stripDiacritics } from '../normalise/text';

/**
 * A format hint after the name, "Personnummer (ÅÅÅÅMMDD-NNNN)", "Datum (YYYY-MM-DD)":
 * letters of date/number patterns only, so "(min)" or "(dagar)" are never dropped.
 */
const FORMAT_HINT = /\s*[([]\s*[åäamdnyxtÅÄAMDNYXT0-9\s\-/.:]+\s*[)\]]\s*$/u;

/** Between a letter and a digit: "vh1" → "vh", "1". */
const LETTER_DIGIT = /(?<=\p{L})(?=\p{N})|(?<=\p{N})(?=\p{L})/u;

/**
 * Longer than any word the rules know ("sekretessmarkering" is 18): no prefix beyond this
 * is looked up.
 */
const LONGEST_WORD = 24;
/** Compounds longer than this are not split: no header has one, and a long title cell stays cheap. */
const LONGEST_COMPOUND = 60;

/** A rule's word as it is compared: lower case, no diacritics ("Frånvaro" → "franvaro"). */
export function wordKey(word: string): string {
  return stripDiacritics(word.toLowerCase());
}

/** The header's words; a word that is neither known nor a compound of known words stays as written. */
export function headerWords(header: string, vocabulary: ReadonlySet<string>): string[] {
  const withoutHint = header.replace(FORMAT_HINT, '');
  const text = (withoutHint.trim() === '' ? header : withoutHint).replace(/%/g, ' procent ');
  const words: string[] = [];
  for (const token of normaliseHeader(text).split(' ')) {
    if (token === '') continue;
    for (const part of token.split(LETTER_DIGIT)) words.push(...(splitCompound(part, vocabulary) ?? [part]));
  }
  return words;
}

/**
 * A word as known words: itself, its stem without a genitive s ("lektions"), or known
 * words end to end, longest first, optionally joined by a linking s. Null if it is none.
 */
function splitCompound(word: string, vocabulary: ReadonlySet<string>): string[] | null {
  if (vocabulary.has(word) || /^\d+$/.test(word)) return [word];
  if (word.endsWith('s') && vocabulary.has(word.slice(0, -1))) return [word.slice(0, -1)];
  if (word.length > LONGEST_COMPOUND) return null;
  for (let end = Math.min(word.length - 1, LONGEST_WORD); end >= 2; end--) {
    const head = word.slice(0, end);
    if (!vocabulary.has(head)) continue;
    const rest = word.slice(end);
    const tail = splitCompound(rest, vocabulary) ?? (rest.startsWith('s') && rest.length > 2 ? splitCompound(rest.slice(1), vocabulary) : null);
    if (tail) return [head, ...tail];
  }
  return null;
}
