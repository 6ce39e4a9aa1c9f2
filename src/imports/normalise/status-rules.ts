/**
 * Reading status words by meaning, the way a Swedish reader reads "Frånvarande (ej
 * anmäld)" or "Sen ankomst" at a glance: the text is normalised and split into words,
 * each word has a kind (kept as data below), negation turns the word after it around,
 * and a few plain rules decide. Anything the rules do not understand — an unknown word,
 * or words that pull two ways — gives null: an error the user sees, never a guess.
 *
 * Not reported is never present: "ej rapporterad" next to any word of presence or
 * absence is not understood, so the user decides.
 */
import type { Status } from './status';
import { stripDiacritics } from './text';

/** What a word says about a lesson or day. */
type Kind =
  /** "närvarande", "present": the pupil was there. */
  | 'present'
  /** "sen", "försenad", "late": came late, which is present. */
  | 'late'
  /** "frånvarande", "absent": not there, reason not said by this word. */
  | 'absent'
  /** "närvaro", "attendance": alone it means present; beside other words it only names the subject. */
  | 'attendance'
  /** "anmäld", "giltig", "sjuk", "ledig", "excused": an accepted reason. Negated: unexplained. */
  | 'valid'
  /** "skolk", "unexcused": no accepted reason. */
  | 'unexplained'
  /** "rapporterad": only with a negation, when it means not reported. */
  | 'reported'
  /** "ankomst", "lektion": says nothing by itself. */
  | 'neutral'
  /** "ej", "inte", "icke", "utan", "not": turns the next word around. */
  | 'negation'
  /** Only from a negated "rapporterad": not reported. */
  | 'not_reported';

/**
 * Every word the rules know, without diacritics and in lower case. Single letters are
 * not here: as a whole cell they are in the vocabulary (status.ts), inside a phrase
 * they are too uncertain to read.
 */
export const STATUS_WORD_KINDS: Readonly<Record<string, Kind>> = Object.freeze({
  // present
  narvarande: 'present',
  present: 'present',
  here: 'present',
  attended: 'present',
  // late is present: the pupil came to school
  sen: 'late',
  sent: 'late',
  sena: 'late',
  forsenad: 'late',
  forsenat: 'late',
  forsening: 'late',
  late: 'late',
  tardy: 'late',
  // absent, reason not said
  franvarande: 'absent',
  franvaro: 'absent',
  borta: 'absent',
  absent: 'absent',
  absence: 'absent',
  // the subject only
  narvaro: 'attendance',
  attendance: 'attendance',
  // an accepted reason
  anmald: 'valid',
  anmalt: 'valid',
  anmalan: 'valid',
  foranmald: 'valid',
  foranmalt: 'valid',
  giltig: 'valid',
  giltigt: 'valid',
  sjuk: 'valid',
  sjukdom: 'valid',
  sjukanmald: 'valid',
  sjukanmalt: 'valid',
  ledig: 'valid',
  ledighet: 'valid',
  beviljad: 'valid',
  beviljat: 'valid',
  tjanstledig: 'valid',
  excused: 'valid',
  authorised: 'valid',
  authorized: 'valid',
  approved: 'valid',
  sick: 'valid',
  illness: 'valid',
  // no accepted reason (ogiltig, oanmäld come from negating the words above)
  skolk: 'unexplained',
  unexcused: 'unexplained',
  unauthorised: 'unexplained',
  unauthorized: 'unexplained',
  truant: 'unexplained',
  truancy: 'unexplained',
  // reported — meaningful only negated
  rapporterad: 'reported',
  rapporterat: 'reported',
  rapporterats: 'reported',
  rapp: 'reported',
  registrerad: 'reported',
  registrerat: 'reported',
  reported: 'reported',
  recorded: 'reported',
  // neutral
  ankomst: 'neutral',
  arrival: 'neutral',
  lektion: 'neutral',
  lesson: 'neutral',
  dag: 'neutral',
  heldag: 'neutral',
  hela: 'neutral',
  dagen: 'neutral',
  day: 'neutral',
  // negation
  ej: 'negation',
  inte: 'negation',
  icke: 'negation',
  utan: 'negation',
  not: 'negation',
  without: 'negation',
});

/**
 * Prefixes that negate the word they are glued to: "oanmäld", "ogiltig", "unreported",
 * "EjAnmäld". Only in front of a word whose kind may be negated, so "ost" or "under"
 * are never read as negations.
 */
export const NEGATING_PREFIXES: readonly string[] = ['ej', 'inte', 'icke', 'o', 'un', 'not'];

/** Kinds a negation turns around, and what they become. Others negated are not understood. */
const NEGATED: Partial<Record<Kind, Kind>> = { valid: 'unexplained', reported: 'not_reported', present: 'absent' };

/** "Frånvarande (ej anmäld)" → ["franvarande", "ej", "anmald"]; "GiltigFrånvaro" → ["giltig", "franvaro"]. */
export function statusTokens(text: string): string[] {
  const spaced = text.replace(/(\p{Ll})(\p{Lu})/gu, '$1 $2');
  return stripDiacritics(spaced.toLowerCase())
    .split(/[^\p{L}\p{N}]+/u)
    .filter((t) => t !== '');
}

/** A token's kind, reading a glued negation ("oanmald") as two words. */
function wordsOf(token: string): Kind[] | null {
  const kind = STATUS_WORD_KINDS[token];
  if (kind) return [kind];
  for (const prefix of NEGATING_PREFIXES) {
    if (!token.startsWith(prefix)) continue;
    const rest = STATUS_WORD_KINDS[token.slice(prefix.length)];
    if (rest && NEGATED[rest]) return ['negation', rest];
  }
  return null;
}

/**
 * The status the rules read in `text`, or null when they do not understand it. Blank
 * text is not handled here (the caller reads it as not reported).
 */
export function readStatusByRules(text: string): Status | null {
  const kinds = new Set<Kind>();
  let negate = false;
  for (const token of statusTokens(text)) {
    const words = wordsOf(token);
    if (!words) return null;
    for (const kind of words) {
      if (kind === 'negation') {
        // "ej ej" or a negation at the end is not understood.
        if (negate) return null;
        negate = true;
        continue;
      }
      if (negate) {
        const turned = NEGATED[kind];
        if (!turned) return null;
        kinds.add(turned);
        negate = false;
      } else {
        kinds.add(kind);
      }
    }
  }
  if (negate) return null;
  return decide(kinds);
}

/** The rules, in order. Two words that pull different ways give null. */
function decide(kinds: Set<Kind>): Status | null {
  const has = (k: Kind) => kinds.has(k);
  // A plain "rapporterad" says nothing about the pupil.
  if (has('reported')) return null;
  if (has('not_reported')) {
    // Only with the subject beside it ("Närvaro ej rapporterad"): never with presence or absence.
    for (const k of kinds) if (k !== 'not_reported' && k !== 'attendance' && k !== 'neutral') return null;
    return 'not_reported';
  }
  const valid = has('valid');
  const unexplained = has('unexplained');
  if (valid && unexplained) return null;
  if (has('late')) {
    // Late is present; a reason for being late does not change that. Late and absent is unclear.
    return has('absent') ? null : 'present';
  }
  if (has('present')) return has('absent') || valid || unexplained ? null : 'present';
  if (valid) return 'valid';
  if (unexplained) return 'unexplained';
  if (has('absent')) return 'unknown';
  if (has('attendance')) return 'present';
  return null;
}
