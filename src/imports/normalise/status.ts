/**
 * Attendance status words, as school systems and people write them, to five statuses.
 *
 * Not reported is its own status and never counts as present: some systems count an
 * unreported lesson as present, which would hide exactly the pupil who never came.
 */
import type { CellValue } from '../types';
import { cellText, fail, isBlank, ok, quoted, type Normalised } from './result';
import { readStatusByRules } from './status-rules';
import { compactKey } from './text';
import { t } from '../../i18n';

// The five statuses live in shared/ (every domain speaks them); the words for them are the importer's.
import { isAbsence, STATUSES, type AbsenceStatus, type Status } from '../../shared';

export { isAbsence, STATUSES, type AbsenceStatus, type Status };

/**
 * The documented vocabulary (docs/import.md, "Status words"). Written as people write the words;
 * matching ignores case, spaces, punctuation and å/ä/ö, so "GiltigFrånvaro",
 * "giltig franvaro" and "GILTIG FRÅNVARO" are all "Giltig frånvaro".
 * "Ej rapporterad" is added beside "Ej rapporterat": both are in use, and
 * reading it as not reported is the safe side.
 */
export const DEFAULT_STATUS_VOCABULARY: Readonly<Record<string, Status>> = Object.freeze({
  Närvarande: 'present',
  Närvaro: 'present',
  N: 'present',
  P: 'present',
  X: 'present',

  'Giltig frånvaro': 'valid',
  Giltig: 'valid',
  'Anmäld frånvaro': 'valid',
  Anmäld: 'valid',
  Föranmäld: 'valid',
  Sjuk: 'valid',
  Ledig: 'valid',
  'Ledighet beviljad': 'valid',
  'Beviljad ledighet': 'valid',
  G: 'valid',

  'Ogiltig frånvaro': 'unexplained',
  Ogiltig: 'unexplained',
  'Oanmäld frånvaro': 'unexplained',
  Oanmäld: 'unexplained',
  'Ej anmäld': 'unexplained',
  O: 'unexplained',

  Frånvarande: 'unknown',
  Frånvaro: 'unknown',
  F: 'unknown',
  A: 'unknown',

  'Ej rapporterat': 'not_reported',
  'Ej rapporterad': 'not_reported',
});

/** Named in the message for an unknown word; the full list is in the user documentation. */
const EXAMPLES = t('imports.errors.narvarandeGiltigFranvaroOgiltig');

export type StatusMatcher = (cell: CellValue) => Normalised<Status>;

/**
 * Where a word's meaning came from, strongest first: the user's choice for this upload,
 * the school's saved choice, the municipality's words (settings), the documented
 * vocabulary, the word rules (status-rules.ts); 'empty' for a blank cell.
 */
export type StatusSource = 'chosen' | 'saved' | 'municipality' | 'vocabulary' | 'rules' | 'empty';

/** One distinct status word of a file and what it was read as (null: not understood). */
export interface StatusReading {
  word: string;
  status: Status | null;
  source: StatusSource | null;
  count: number;
}

/** A matcher that also tells which words it met, how often, and what it read them as. */
export interface CountingStatusMatcher extends StatusMatcher {
  readings(): StatusReading[];
}

/** A school's own words: saved with its import profile, and chosen for this upload. */
export interface SchoolStatusWords {
  saved?: Readonly<Record<string, Status>>;
  chosen?: Readonly<Record<string, Status>>;
}

/** The vocabulary, then the rules: what a word means before anyone's own choice. */
function readWithoutChoices(text: string): { status: Status; source: 'vocabulary' | 'rules' } | null {
  const v = DEFAULT_BY_KEY.get(compactKey(text));
  if (v) return { status: v, source: 'vocabulary' };
  const r = readStatusByRules(text);
  return r ? { status: r, source: 'rules' } : null;
}

const DEFAULT_BY_KEY = new Map(Object.entries(DEFAULT_STATUS_VOCABULARY).map(([w, s]) => [compactKey(w), s]));

/**
 * Problems with words someone chose (the municipality in settings, a school in the
 * preview or with `--status`), in Swedish; empty when fine. They may add to or change
 * the defaults, with one exception: a word that reads as "not reported" may never be
 * made to mean present.
 */
export function checkStatusVocabulary(extra: Readonly<Record<string, unknown>>): string[] {
  const problems: string[] = [];
  for (const [word, status] of Object.entries(extra)) {
    const key = compactKey(word);
    if (key === '') {
      problems.push(t('imports.errors.ordetInnehallerIngaBokstaver', { word }));
    } else if (!STATUSES.includes(status as Status)) {
      problems.push(t('imports.errors.ordetOkandBetydelse', { word, status: String(status) }));
    } else if (status === 'present' && readWithoutChoices(word)?.status === 'not_reported') {
      problems.push(t('imports.errors.betyderNarvaronArRapporterad', { word }));
    }
  }
  return problems;
}

/** Distinct raw values remembered and counted per matcher; a file has few, a bad file may have many. */
const CACHE_LIMIT = 1000;

/**
 * A matcher for the municipality's words, a school's words and the defaults (see
 * StatusSource for which wins). Throws on words checkStatusVocabulary rejects: callers
 * check what users give first, so this is a bug, not a file problem.
 */
export function createStatusMatcher(municipal: Readonly<Record<string, Status>> = {}, school: SchoolStatusWords = {}): CountingStatusMatcher {
  const layers: [StatusSource, Readonly<Record<string, Status>>][] = [
    ['chosen', school.chosen ?? {}],
    ['saved', school.saved ?? {}],
    ['municipality', municipal],
  ];
  const byKey = new Map<string, { status: Status; source: StatusSource }>();
  for (const [source, words] of [...layers].reverse()) {
    const problems = checkStatusVocabulary(words);
    if (problems.length > 0) throw new Error(`Invalid status vocabulary: ${problems.join(' ')}`);
    for (const [word, status] of Object.entries(words)) byKey.set(compactKey(word), { status, source });
  }
  const read = (text: string): StatusReading => {
    const found = byKey.get(compactKey(text)) ?? readWithoutChoices(text);
    return { word: text, status: found?.status ?? null, source: found?.source ?? null, count: 0 };
  };
  // One entry per distinct cell text: its result (shared, frozen) and how often it came.
  const seen = new Map<string, { result: Normalised<Status>; reading: StatusReading }>();
  const blank = {
    result: Object.freeze(ok<Status>('not_reported')),
    reading: { word: '', status: 'not_reported' as Status, source: 'empty' as StatusSource, count: 0 },
  };

  const matcher = ((cell) => {
    if (isBlank(cell)) {
      blank.reading.count++;
      return blank.result;
    }
    const text = typeof cell === 'string' ? cell : cellText(cell);
    let entry = seen.get(text);
    if (entry === undefined) {
      const reading = read(text.trim());
      const result = Object.freeze(reading.status ? ok(reading.status) : unknownStatus(cell));
      // Past the limit a file of all-different values is read without being remembered.
      if (seen.size >= CACHE_LIMIT) return result;
      entry = { result, reading };
      seen.set(text, entry);
    }
    entry.reading.count++;
    return entry.result;
  }) as CountingStatusMatcher;

  matcher.readings = () => mergeReadings([blank.reading, ...[...seen.values()].map((e) => e.reading)]);
  return matcher;
}

/**
 * Readings as one list per word, most frequent first: the same word written differently
 * ("N", " N ") is one word for the user, and so is a word met in two parts of a file.
 */
export function mergeReadings(...lists: readonly StatusReading[][]): StatusReading[] {
  const byWord = new Map<string, StatusReading>();
  for (const list of lists) {
    for (const reading of list) {
      if (reading.count === 0) continue;
      const had = byWord.get(reading.word);
      if (had) had.count += reading.count;
      else byWord.set(reading.word, { ...reading });
    }
  }
  return [...byWord.values()].sort((a, b) => b.count - a.count || a.word.localeCompare(b.word, 'sv'));
}

function unknownStatus(cell: CellValue): { ok: false; message: string } {
  return fail(t('imports.errors.okandNarvarostatusTillatnaVarden', { quoted: quoted(cell), examples: EXAMPLES }));
}

/** The default vocabulary and rules, for code that has no municipal or school words. */
export const normaliseStatus: StatusMatcher = createStatusMatcher();
