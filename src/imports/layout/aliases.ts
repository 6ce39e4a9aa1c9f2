/**
 * Column names: examples per field (for messages, the column-mapping form's help and the
 * docs), and reading a header by its words with the rules in header-rules.ts. Every
 * example here must read as its field (a test checks), so this list is also the set of
 * names that worked before headers were read by meaning.
 */
import { compactKey } from '../normalise/text';
import type { Field } from './fields';
import { FILLER_WORDS, HEADER_RULES, type HeaderContext, type HeaderRule } from './header-rules';
import { headerWords, wordKey } from './header-words';

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
    // Depend on the rest of the file, see HeaderContext:
    'Frånvaro',
    'Frånvarotyp',
    'Typ av frånvaro',
  ],
  lesson: ['Lektion', 'Lektionsnamn', 'Pass', 'Schemapass', 'Ämne', 'Kurs', 'Aktivitet', 'Starttid', 'Lesson', 'Subject'],
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
  protected: ['Skyddad identitet', 'Sekretessmarkering', 'Sekretess', 'Skyddade personuppgifter', 'Skyddad folkbokföring', 'Skyddad', 'Protected identity'],
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
  daysPresent: ['Dagar närvarande', 'Närvarodagar', 'Närvarande dagar', 'Antal närvarodagar', 'Närvarande (dagar)', 'Närvaro (dagar)', 'Days present'],
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
  firstDayPresent: ['Första närvarodag', 'Första närvarodagen', 'Första dag närvarande', 'Först närvarande', 'Första närvarodatum', 'First day present'],
  attendedMinutes: ['Närvarande tid (min)', 'Närvarotid', 'Närvaro (min)', 'Närvarande minuter', 'Attended minutes'],
  validAbsenceMinutes: ['Giltig frånvaro (min)', 'Anmäld frånvaro minuter', 'Excused absence (min)'],
  unexplainedAbsenceMinutes: ['Ogiltig frånvaro (min)', 'Ogiltig frånvaro minuter', 'Oanmäld frånvaro (min)', 'Unexcused absence minutes'],
  attendedPercent: ['Närvaro %', 'Närvaro (%)', 'Attendance %'],
  absencePercent: ['Frånvaro %', 'Frånvaro (%)', 'Andel frånvaro', 'Absence %'],
  validAbsencePercent: ['Giltig frånvaro %', 'Giltig frånvaro (%)'],
  unexplainedAbsencePercent: ['Ogiltig frånvaro %', 'Ogiltig frånvaro (%)'],
};

/** Header key for comparing a header with a saved mapping's header text. */
export const headerKey = compactKey;

/** What a header says: a field (with how the rest of the file decides it), ambiguous, or nothing known. */
export type HeaderReading = { field: Field; context?: HeaderContext } | { ambiguous: Field[] } | undefined;

interface CompiledRule {
  field: Field;
  need: ReadonlySet<string>[];
  allowed: ReadonlySet<string>;
  context?: HeaderContext;
}

interface CompiledRules {
  rules: CompiledRule[];
  vocabulary: ReadonlySet<string>;
  filler: ReadonlySet<string>;
}

const compiledTables = new WeakMap<readonly HeaderRule[], CompiledRules>();

function compile(table: readonly HeaderRule[]): CompiledRules {
  let compiled = compiledTables.get(table);
  if (compiled) return compiled;
  const filler = new Set(FILLER_WORDS.map(wordKey));
  const vocabulary = new Set<string>(filler);
  const rules = table.map((r): CompiledRule => {
    const need = r.need.map((group) => new Set(group.map(wordKey)));
    const allowed = new Set([...need.flatMap((g) => [...g]), ...(r.may ?? []).flatMap((g) => g.map(wordKey))]);
    for (const w of allowed) vocabulary.add(w);
    return { field: r.field, need, allowed, ...(r.context ? { context: r.context } : {}) };
  });
  compiled = { rules, vocabulary, filler };
  compiledTables.set(table, compiled);
  return compiled;
}

/**
 * Reads a header by its words: the rules it matches (a word from each `need` group, no
 * word outside the rule). Rules of one field agree; rules of two fields are ambiguous.
 */
export function readHeader(header: string, table: readonly HeaderRule[] = HEADER_RULES): HeaderReading {
  const { rules, vocabulary, filler } = compile(table);
  const words = headerWords(header, vocabulary).filter((w) => !filler.has(w));
  if (words.length === 0) return undefined;
  const fields: Field[] = [];
  let context: HeaderContext | undefined;
  for (const rule of rules) {
    if (!words.every((w) => rule.allowed.has(w))) continue;
    if (!rule.need.every((group) => words.some((w) => group.has(w)))) continue;
    if (!fields.includes(rule.field)) fields.push(rule.field);
    context ??= rule.context;
  }
  if (fields.length === 0) return undefined;
  if (fields.length > 1) return { ambiguous: fields };
  return context ? { field: fields[0]!, context } : { field: fields[0]! };
}

/** The field a header names, or undefined (also when it could name two). */
export function fieldForHeader(header: string): Field | undefined {
  const reading = readHeader(header);
  return reading && 'field' in reading ? reading.field : undefined;
}

/** For messages: the first example of a field, e.g. ”Personnummer”. */
export function exampleHeader(field: Field): string {
  return ALIASES[field][0]!;
}
