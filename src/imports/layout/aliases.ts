/**
 * Column names we recognise, per field (documented for users in README.md; keep the
 * two in step). Matching ignores case, spacing, punctuation and diacritics
 * ("ELEVENS PERSONNUMMER", "Elevens_personnummer" and "Elevens personnummer" are the
 * same), so only genuinely different wordings need listing.
 *
 * Add names here when a school system writes a header we do not know; never add a
 * name that could mean two fields without a rule in CONTEXT_ALIASES below.
 */
import { compactKey } from '../normalise/text';
import type { Field } from './fields';

export const ALIASES: Readonly<Record<Field, readonly string[]>> = {
  personalNumber: [
    'Personnummer',
    'Personnr',
    'Pers.nr',
    'Pnr',
    'Elevens personnummer',
    'Elev personnummer',
    'Personnummer elev',
    'Elevens personnr',
    'Personnummer/samordningsnummer',
    'Samordningsnummer',
    'Födelsenummer',
    'ID-nummer',
    'Personal number',
    'Personal identity number',
    'Person number',
    'Civic number',
  ],
  firstName: ['Förnamn', 'Elevens förnamn', 'Tilltalsnamn', 'First name', 'Given name'],
  lastName: ['Efternamn', 'Elevens efternamn', 'Last name', 'Surname', 'Family name'],
  fullName: [
    'Namn',
    'Elev',
    'Elevens namn',
    'Elevnamn',
    'Fullständigt namn',
    'Efternamn, Förnamn',
    'Förnamn Efternamn',
    'Name',
    'Student',
    'Student name',
    'Pupil',
  ],
  className: ['Klass', 'Klassnamn', 'Grupp', 'Basgrupp', 'Mentorsgrupp', 'Class', 'Group'],
  grade: ['Årskurs', 'Åk', 'Skolår', 'Grade', 'Year group'],
  date: ['Datum', 'Dag', 'Närvarodatum', 'Lektionsdatum', 'Date', 'Day'],
  status: [
    'Närvaro',
    'Status',
    'Närvarostatus',
    'Närvarotyp',
    'Närvaro/frånvaro',
    'Registrering',
    'Attendance',
    'Attendance status',
    // Ambiguous, see CONTEXT_ALIASES:
    'Frånvaro',
    'Frånvarotyp',
    'Typ av frånvaro',
  ],
  lesson: [
    'Lektion',
    'Lektionsnamn',
    'Pass',
    'Schemapass',
    'Ämne',
    'Kurs',
    'Aktivitet',
    'Starttid',
    'Lesson',
    'Subject',
  ],
  absenceMinutes: [
    'Frånvaro (min)',
    'Frånvaro i minuter',
    'Frånvaro minuter',
    'Frånvarominuter',
    'Minuter frånvaro',
    'Frånvarande minuter',
    'Absence minutes',
    'Absence (min)',
  ],
  scheduledMinutes: [
    'Schemalagd tid',
    'Schemalagd tid (min)',
    'Schemalagda minuter',
    'Schemalagd tid i minuter',
    'Lektionslängd',
    'Lektionslängd (min)',
    'Lektionstid',
    'Scheduled minutes',
    'Scheduled (min)',
  ],
  absenceType: ['Frånvaroorsak', 'Orsak', 'Frånvaroanledning', 'Absence type', 'Reason'],
  protected: [
    'Skyddad identitet',
    'Sekretessmarkering',
    'Sekretess',
    'Skyddade personuppgifter',
    'Skyddad folkbokföring',
    'Skyddad',
    'Protected identity',
  ],
  guardian1: [
    'Vårdnadshavare',
    'Vårdnadshavare 1',
    'Vårdnadshavare personnummer',
    'Vårdnadshavare 1 personnummer',
    'Vårdnadshavare 1 pnr',
    'Personnummer vårdnadshavare',
    'Personnummer vårdnadshavare 1',
    'VH',
    'VH1',
    'VH pnr',
    'VH1 pnr',
    'VH 1 personnummer',
    'Guardian',
    'Guardian 1',
  ],
  guardian2: [
    'Vårdnadshavare 2',
    'Vårdnadshavare 2 personnummer',
    'Vårdnadshavare 2 pnr',
    'Personnummer vårdnadshavare 2',
    'VH2',
    'VH2 pnr',
    'VH 2 personnummer',
    'Guardian 2',
  ],
  daysPresent: [
    'Dagar närvarande',
    'Närvarodagar',
    'Närvarande dagar',
    'Antal närvarodagar',
    'Närvarande (dagar)',
    'Närvaro (dagar)',
    'Days present',
  ],
  validAbsenceDays: [
    'Giltig frånvaro (dagar)',
    'Giltig frånvaro',
    'Dagar giltig frånvaro',
    'Dagar med giltig frånvaro',
    'Anmäld frånvaro (dagar)',
    'Anmäld frånvaro',
    'Valid absence (days)',
    'Excused absence (days)',
  ],
  unexplainedAbsenceDays: [
    'Ogiltig frånvaro (dagar)',
    'Ogiltig frånvaro',
    'Dagar ogiltig frånvaro',
    'Dagar med ogiltig frånvaro',
    'Oanmäld frånvaro (dagar)',
    'Oanmäld frånvaro',
    'Unexplained absence (days)',
    'Unexcused absence (days)',
  ],
  unknownAbsenceDays: [
    'Frånvaro okänd orsak (dagar)',
    'Frånvaro okänd orsak',
    'Okänd frånvaro (dagar)',
    'Övrig frånvaro (dagar)',
    'Frånvarande (dagar)',
    'Absence unknown reason (days)',
  ],
  firstDayPresent: [
    'Första närvarodag',
    'Första närvarodagen',
    'Första dag närvarande',
    'Först närvarande',
    'Första närvarodatum',
    'First day present',
  ],
};

/**
 * Headers whose meaning depends on the rest of the file. Decided deliberately:
 *  - "Frånvarotyp" / "Typ av frånvaro": the status column (Giltig/Ogiltig/Närvarande…)
 *    in a day file; but next to an absence-minutes column it only says what kind of
 *    absence the minutes were (Anmäld/Oanmäld), so it is absenceType there.
 *  - "Frånvaro": a status column ("Ogiltig frånvaro", "Närvarande"), unless the values
 *    below it are numbers: then it holds minutes of absence.
 */
export const TYPE_NEXT_TO_MINUTES = new Set(['franvarotyp', 'typavfranvaro']);
export const MINUTES_IF_NUMERIC = new Set(['franvaro']);

/** Header key used for all matching. */
export const headerKey = compactKey;

const LOOKUP: ReadonlyMap<string, Field> = (() => {
  const map = new Map<string, Field>();
  for (const [field, names] of Object.entries(ALIASES) as [Field, readonly string[]][]) {
    for (const name of names) {
      const key = headerKey(name);
      const existing = map.get(key);
      if (existing && existing !== field) {
        throw new Error(`Alias "${name}" listed for both ${existing} and ${field}`);
      }
      map.set(key, field);
    }
  }
  return map;
})();

/**
 * A format hint after the name, "Personnummer (ÅÅÅÅMMDD-NNNN)", "Datum (YYYY-MM-DD)":
 * letters of date/number patterns only, so "(min)" or "(dagar)" are never dropped.
 */
const FORMAT_HINT = /\s*[([]\s*[åäamdnyxtÅÄAMDNYXT0-9\s\-/.:]+\s*[)\]]\s*$/u;

/** The field a header names, or undefined. */
export function fieldForHeader(header: string): Field | undefined {
  const exact = LOOKUP.get(headerKey(header));
  if (exact) return exact;
  const withoutHint = header.replace(FORMAT_HINT, '');
  if (withoutHint !== header && withoutHint.trim() !== '') return LOOKUP.get(headerKey(withoutHint));
  return undefined;
}

/** For messages: the first alias of a field, e.g. ”Personnummer”. */
export function exampleHeader(field: Field): string {
  return ALIASES[field][0];
}
