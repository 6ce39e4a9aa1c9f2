/**
 * Attendance status words, as school systems and people write them, to five statuses.
 *
 * Not reported is its own status and never counts as present: some systems count an
 * unreported lesson as present, which would hide exactly the pupil who never came.
 */
import type { CellValue } from '../types';
import { fail, isBlank, ok, quoted, type Normalised } from './result';
import { memoise } from './memo';
import { compactKey } from './text';

export type Status = 'present' | 'valid' | 'unexplained' | 'unknown' | 'not_reported';

/** The statuses that are an absence; 'unknown' is absent with the reason unknown. */
export type AbsenceStatus = 'valid' | 'unexplained' | 'unknown';

export const STATUSES: readonly Status[] = ['present', 'valid', 'unexplained', 'unknown', 'not_reported'];

export function isAbsence(status: Status): status is AbsenceStatus {
  return status === 'valid' || status === 'unexplained' || status === 'unknown';
}

/**
 * The documented vocabulary (DESIGN.md, "Import"). Written as people write the words;
 * matching ignores case, spaces, punctuation and å/ä/ö, so "GiltigFrånvaro",
 * "giltig franvaro" and "GILTIG FRÅNVARO" are all "Giltig frånvaro".
 * "Ej rapporterad" is added beside DESIGN's "Ej rapporterat": both are in use, and
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
const EXAMPLES = 'Närvarande, Giltig frånvaro, Ogiltig frånvaro, Frånvarande och Ej rapporterat (eller tom cell)';

export type StatusMatcher = (cell: CellValue) => Normalised<Status>;

/**
 * Problems with a municipality's own words (settings), in Swedish; empty when fine.
 * Their words may add to or change the defaults, with one exception: a word for
 * "not reported" may never be made to mean present.
 */
export function checkStatusVocabulary(extra: Readonly<Record<string, unknown>>): string[] {
  const problems: string[] = [];
  const notReported = new Set(
    Object.entries(DEFAULT_STATUS_VOCABULARY)
      .filter(([, status]) => status === 'not_reported')
      .map(([word]) => compactKey(word)),
  );
  for (const [word, status] of Object.entries(extra)) {
    const key = compactKey(word);
    if (key === '') {
      problems.push(`Ordet ”${word}” innehåller inga bokstäver eller siffror.`);
    } else if (!STATUSES.includes(status as Status)) {
      problems.push(`Ordet ”${word}” har en okänd betydelse (${String(status)}).`);
    } else if (notReported.has(key) && status === 'present') {
      problems.push(`”${word}” betyder att närvaron inte är rapporterad och kan inte räknas som närvaro.`);
    }
  }
  return problems;
}

/** Distinct raw values remembered per matcher; a file has few, a bad file may have many. */
const CACHE_LIMIT = 1000;

/**
 * A matcher for the default vocabulary plus a municipality's own words, which win over
 * the defaults. Throws on a vocabulary checkStatusVocabulary rejects (a settings bug,
 * not a file problem).
 */
export function createStatusMatcher(extra: Readonly<Record<string, Status>> = {}): StatusMatcher {
  const problems = checkStatusVocabulary(extra);
  if (problems.length > 0) throw new Error(`Invalid status vocabulary: ${problems.join(' ')}`);

  const byKey = new Map<string, Status>();
  for (const [word, status] of Object.entries({ ...DEFAULT_STATUS_VOCABULARY, ...extra })) {
    byKey.set(compactKey(word), status);
  }
  const matchText = memoise(CACHE_LIMIT, (text): Normalised<Status> => {
    const status = byKey.get(compactKey(text));
    return status ? ok(status) : unknownStatus(text);
  });

  return (cell) => {
    if (isBlank(cell)) return ok('not_reported');
    return typeof cell === 'string' ? matchText(cell) : unknownStatus(cell);
  };
}

function unknownStatus(cell: CellValue): { ok: false; message: string } {
  return fail(`Okänd närvarostatus ${quoted(cell)}. Tillåtna värden är till exempel ${EXAMPLES}.`);
}

/** The default vocabulary, for code that has no municipal words. */
export const normaliseStatus: StatusMatcher = createStatusMatcher();
