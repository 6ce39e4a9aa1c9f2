/**
 * How column names are read, as data: one rule per way of naming a field. A header is
 * split into words (header-words.ts); a rule matches when the header has a word from
 * each of its `need` groups and every other word is in one of its `may` groups (or is a
 * filler word). So "Vårdnadshavare 2 pnr" is guardian 2, while "Vårdnadshavare 1 namn"
 * is nothing: "namn" is in no group of the guardian rules. A header that rules of two
 * fields both match is ambiguous, an error naming the column (never a guess).
 *
 * Words are written as a Swedish reader writes them; matching ignores case and
 * diacritics. Documented for users in README.md and docs/import.md, where a test checks
 * every rule is listed (keep them in step).
 */
import type { Field } from './fields';

/**
 * Headers whose meaning depends on the rest of the file (see columns.ts):
 *  - minutesIfNumeric, "Frånvaro": the status column ("Ogiltig frånvaro", "Närvarande"),
 *    unless the values below it are numbers: then it holds minutes of absence.
 *  - typeNextToMinutes, "Frånvarotyp": the status column in a day file; next to a
 *    minutes or status column it only says what kind of absence it was (absenceType).
 *  - minutesBesideMinutes, "Giltig frånvaro" without a unit: days in a summary, but
 *    minutes in a summary whose attended time is in minutes (and has no day counts).
 */
export type HeaderContext = 'minutesIfNumeric' | 'typeNextToMinutes' | 'minutesBesideMinutes';

export interface HeaderRule {
  field: Field;
  /** One word of each group must be in the header. */
  need: readonly (readonly string[])[];
  /** Words the header may have besides (units, "elevens", a number). */
  may?: readonly (readonly string[])[];
  context?: HeaderContext;
}

/** Words no rule needs to list: "Frånvaro i minuter", "Dagar med giltig frånvaro", "Antal närvarodagar". */
export const FILLER_WORDS: readonly string[] = ['i', 'av', 'med', 'antal', 'per', 'of', 'in', 'the'];

const PUPIL = ['elev', 'elevens', 'elevs', 'student', 'students', 'pupil', 'pupils', 'barnets'];
/** Words that alone name a personal number. */
const PERSONAL_NUMBER = ['personnummer', 'personnumret', 'personnr', 'persnr', 'pnr', 'samordningsnummer', 'födelsenummer'];
/** "Pers.nr", "ID-nummer", "Personal number": a first word and a word for number. */
const PN_FIRST = ['p', 'pers', 'person', 'personal', 'civic', 'id'];
const PN_NUMBER = ['nr', 'nummer', 'number'];
const GUARDIAN = ['vårdnadshavare', 'vårdnadshavares', 'vh', 'förälder', 'guardian', 'parent'];
/** What may follow a guardian word: the brief forms of "personal number" and "id". */
const GUARDIAN_ID = [...PERSONAL_NUMBER, ...PN_FIRST, ...PN_NUMBER, 'identity'];

const MINUTES = ['min', 'minuter', 'minut', 'minutes', 'tid', 'time'];
const DAYS = ['dagar', 'dag', 'days'];
const PERCENT = ['procent', 'percent', 'andel'];
const TOTAL = ['total', 'totalt', 'summa'];
const ABSENCE = ['frånvaro', 'absence'];
const VALID = ['giltig', 'anmäld', 'excused', 'valid'];
const UNEXPLAINED = ['ogiltig', 'oanmäld', 'unexplained', 'unexcused', 'invalid'];
/** "Ej anmäld frånvaro", "Inte giltig frånvaro": negation before valid is unexplained. */
const NOT = ['ej', 'inte', 'icke', 'not'];
const PRESENT = ['närvarande', 'närvaro', 'present', 'attended', 'attendance'];
const SCHEDULED = ['schemalagd', 'schemalagda', 'planerad', 'planerade', 'erbjuden', 'erbjudna', 'scheduled', 'planned', 'offered'];

export const HEADER_RULES: readonly HeaderRule[] = [
  // The pupil's personal number
  { field: 'personalNumber', need: [PERSONAL_NUMBER], may: [PUPIL] },
  { field: 'personalNumber', need: [PN_FIRST, PN_NUMBER], may: [PUPIL, ['identity']] },
  // Names
  { field: 'firstName', need: [['förnamn', 'tilltalsnamn', 'first', 'given']], may: [PUPIL, ['name']] },
  { field: 'lastName', need: [['efternamn', 'last', 'surname', 'family']], may: [PUPIL, ['name']] },
  { field: 'fullName', need: [['namn', 'name', 'elev', 'elevnamn', 'student', 'pupil']], may: [PUPIL, ['fullständigt', 'full']] },
  { field: 'fullName', need: [['efternamn'], ['förnamn']] },
  // The pupil's class and year
  {
    field: 'className',
    need: [['klass', 'grupp', 'basgrupp', 'mentorsgrupp', 'mentorgrupp', 'class', 'group']],
    may: [PUPIL, ['namn', 'name']],
  },
  { field: 'grade', need: [['årskurs', 'åk', 'skolår', 'grade', 'year']], may: [PUPIL, ['group']] },
  // Day and lesson files
  { field: 'date', need: [['datum', 'dag', 'date', 'day']], may: [['närvaro', 'lektion', 'lesson']] },
  {
    field: 'status',
    need: [['närvaro', 'status', 'registrering', 'attendance']],
    may: [['status', 'typ', 'frånvaro', 'närvarande']],
  },
  { field: 'status', need: [['frånvaro']], context: 'minutesIfNumeric' },
  { field: 'status', need: [['frånvaro'], ['typ']], context: 'typeNextToMinutes' },
  {
    field: 'lesson',
    need: [['lektion', 'pass', 'schemapass', 'ämne', 'kurs', 'aktivitet', 'lesson', 'subject', 'course']],
    may: [['namn', 'name', 'schema']],
  },
  { field: 'lesson', need: [['start'], ['tid', 'time']] },
  { field: 'absenceMinutes', need: [['frånvaro', 'frånvarande', 'absence'], MINUTES], may: [TOTAL] },
  { field: 'scheduledMinutes', need: [SCHEDULED, MINUTES], may: [TOTAL, ['lektion']] },
  {
    field: 'scheduledMinutes',
    need: [
      ['lektion', 'lesson'],
      ['längd', 'tid', 'length', 'time'],
    ],
    may: [MINUTES],
  },
  { field: 'absenceType', need: [['orsak', 'anledning', 'reason']], may: [ABSENCE] },
  { field: 'absenceType', need: [['absence'], ['type']] },
  // Pupils whose identity is protected
  {
    field: 'protected',
    need: [['skyddad', 'skyddade', 'sekretess', 'sekretessmarkering', 'protected']],
    may: [['identitet', 'personuppgifter', 'folkbokföring', 'markering', 'identity']],
  },
  // Guardians: used to link siblings, never the pupil's own number
  { field: 'guardian1', need: [GUARDIAN], may: [['1'], GUARDIAN_ID] },
  { field: 'guardian2', need: [GUARDIAN, ['2']], may: [GUARDIAN_ID] },
  // Summaries in days
  { field: 'daysPresent', need: [PRESENT, ['dagar', 'days']] },
  { field: 'validAbsenceDays', need: [VALID, ABSENCE, DAYS] },
  { field: 'validAbsenceDays', need: [VALID, ABSENCE], context: 'minutesBesideMinutes' },
  { field: 'unexplainedAbsenceDays', need: [UNEXPLAINED, ABSENCE, DAYS] },
  { field: 'unexplainedAbsenceDays', need: [UNEXPLAINED, ABSENCE], context: 'minutesBesideMinutes' },
  { field: 'unexplainedAbsenceDays', need: [NOT, VALID, ABSENCE], may: [DAYS] },
  { field: 'unknownAbsenceDays', need: [['frånvarande'], ['dagar', 'days']] },
  { field: 'unknownAbsenceDays', need: [['okänd', 'övrig', 'unknown', 'other'], ABSENCE], may: [['orsak', 'reason'], DAYS] },
  { field: 'firstDayPresent', need: [['första', 'först', 'first'], PRESENT], may: [['dag', 'dagen', 'datum', 'day', 'date']] },
  // Summaries in minutes
  { field: 'attendedMinutes', need: [PRESENT, MINUTES], may: [TOTAL, ['faktisk']] },
  { field: 'validAbsenceMinutes', need: [VALID, ABSENCE, MINUTES] },
  { field: 'unexplainedAbsenceMinutes', need: [UNEXPLAINED, ABSENCE, MINUTES] },
  { field: 'unexplainedAbsenceMinutes', need: [NOT, VALID, ABSENCE, MINUTES] },
  // Percent, read only to cross-check the minutes
  { field: 'attendedPercent', need: [PRESENT, PERCENT] },
  { field: 'absencePercent', need: [['frånvaro', 'frånvarande', 'absence'], PERCENT], may: [TOTAL, ['tid']] },
  { field: 'validAbsencePercent', need: [VALID, ABSENCE, PERCENT] },
  { field: 'unexplainedAbsencePercent', need: [UNEXPLAINED, ABSENCE, PERCENT] },
  { field: 'unexplainedAbsencePercent', need: [NOT, VALID, ABSENCE, PERCENT] },
];

/**
 * Fields that only describe the pupil or the row: when two columns read as one of them
 * ("Klass" and "Grupp", "Förnamn" and "Tilltalsnamn"), the first is used and the other
 * is listed as unused. Two columns for any other field is an error.
 */
export const DESCRIPTIVE_FIELDS: ReadonlySet<Field> = new Set<Field>(['firstName', 'lastName', 'fullName', 'className', 'grade', 'lesson']);
