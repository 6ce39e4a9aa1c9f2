import { readFileSync } from 'node:fs';
import { ALIASES, fieldForHeader, readHeader } from './aliases';
import { FIELDS, type Field } from './fields';
import { HEADER_RULES, type HeaderRule } from './header-rules';
import { describeRules } from './header-rules-text';

type Expected = Field | undefined | 'ambiguous';

/**
 * Headers as school systems and Excel re-saves write them (Skola24, Edlevo, SchoolSoft,
 * Vklass, IST, English exports), with the field each must be read as.
 */
const HEADERS: [string, Expected][] = [
  // The pupil's personal number
  ['Personnummer', 'personalNumber'],
  ['Elevens personnummer', 'personalNumber'],
  ['ELEVENS PERSONNUMMER', 'personalNumber'],
  ['elevens_personnummer', 'personalNumber'],
  ['Elev personnummer', 'personalNumber'],
  ['Personnummer elev', 'personalNumber'],
  ['Pers.nr', 'personalNumber'],
  ['Pers nr', 'personalNumber'],
  ['P-nr', 'personalNumber'],
  ['Pnr', 'personalNumber'],
  ['Pnr:', 'personalNumber'],
  ['Personnr', 'personalNumber'],
  ['Elevens personnr', 'personalNumber'],
  ['Personnummer (ÅÅÅÅMMDD-NNNN)', 'personalNumber'],
  ['Personnummer (ÅÅMMDD-XXXX)', 'personalNumber'],
  ['Personnummer/samordningsnummer', 'personalNumber'],
  ['Samordningsnummer', 'personalNumber'],
  ['ID-nummer', 'personalNumber'],
  ['Personal number', 'personalNumber'],
  ['Personal identity number', 'personalNumber'],
  ['Civic number', 'personalNumber'],
  // An internal id of the school system is not the personal number
  ['Student ID', undefined],
  ['Elev-ID', undefined],
  // Names, class, year
  ['Förnamn', 'firstName'],
  ['Fornamn', 'firstName'],
  ['Elevens förnamn', 'firstName'],
  ['Tilltalsnamn', 'firstName'],
  ['First name', 'firstName'],
  ['Efternamn', 'lastName'],
  ['Surname', 'lastName'],
  ['Namn', 'fullName'],
  ['Elev', 'fullName'],
  ['Elevens namn', 'fullName'],
  ['Elevnamn', 'fullName'],
  ['Efternamn, Förnamn', 'fullName'],
  ['Förnamn Efternamn', 'fullName'],
  ['Student name', 'fullName'],
  ['Klass', 'className'],
  ['Klassnamn', 'className'],
  ['Mentorsgrupp', 'className'],
  ['Class', 'className'],
  ['Årskurs', 'grade'],
  ['ÅK', 'grade'],
  ['Year group', 'grade'],
  // Day and lesson files
  ['Datum', 'date'],
  ['Datum (YYYY-MM-DD)', 'date'],
  ['Närvarodatum', 'date'],
  ['Lektionsdatum', 'date'],
  ['Date', 'date'],
  ['Närvaro', 'status'],
  ['Närvarostatus', 'status'],
  ['Närvaro/frånvaro', 'status'],
  ['Attendance status', 'status'],
  ['Frånvaro', 'status'],
  ['Frånvarotyp', 'status'],
  ['Typ av frånvaro', 'status'],
  ['Lektion', 'lesson'],
  ['Lektionsnamn', 'lesson'],
  ['Schemapass', 'lesson'],
  ['Ämne', 'lesson'],
  ['Starttid', 'lesson'],
  ['Frånvaro (min)', 'absenceMinutes'],
  ['FRANVARO (MIN)', 'absenceMinutes'],
  ['Frånvaro i minuter', 'absenceMinutes'],
  ['Frånvarominuter', 'absenceMinutes'],
  ['Minuter frånvaro', 'absenceMinutes'],
  ['Absence (min)', 'absenceMinutes'],
  ['Frånvaroorsak', 'absenceType'],
  ['Orsak', 'absenceType'],
  ['Absence type', 'absenceType'],
  // Scheduled time: a lesson's length, or a summary's total
  ['Schemalagd tid (min)', 'scheduledMinutes'],
  ['Schemalagd tid', 'scheduledMinutes'],
  ['Schemalagda minuter', 'scheduledMinutes'],
  ['Planerad tid', 'scheduledMinutes'],
  ['Erbjuden tid minuter', 'scheduledMinutes'],
  ['Erbjuden tid (min)', 'scheduledMinutes'],
  ['Lektionslängd (min)', 'scheduledMinutes'],
  ['Lektionstid', 'scheduledMinutes'],
  ['Scheduled minutes', 'scheduledMinutes'],
  // Protected identity
  ['Sekretessmarkering', 'protected'],
  ['Skyddad identitet', 'protected'],
  ['Skyddade personuppgifter', 'protected'],
  ['Protected identity', 'protected'],
  // Guardians, never the pupil's own number
  ['Vårdnadshavare', 'guardian1'],
  ['Vårdnadshavare pnr', 'guardian1'],
  ['Vårdnadshavare personnummer', 'guardian1'],
  ['Vårdnadshavare 1 personnummer', 'guardian1'],
  ['Personnummer vårdnadshavare', 'guardian1'],
  ['Förälder personnummer', 'guardian1'],
  ['Förälder 1', 'guardian1'],
  ['VH', 'guardian1'],
  ['VH1 pnr', 'guardian1'],
  ['VH 1 personnummer', 'guardian1'],
  ['Guardian 1 ID', 'guardian1'],
  ['Parent', 'guardian1'],
  ['Vårdnadshavare 2 personnummer', 'guardian2'],
  ['Vårdnadshavare2', 'guardian2'],
  ['VH2 pnr', 'guardian2'],
  ['Förälder 2 pers.nr', 'guardian2'],
  ['Guardian 2', 'guardian2'],
  ['Vårdnadshavare 1 namn', undefined],
  ['Vårdnadshavare e-post', undefined],
  ['Vårdnadshavare 3', undefined],
  // Summaries in days
  ['Närvarande dagar', 'daysPresent'],
  ['Antal närvarodagar', 'daysPresent'],
  ['Närvaro (dagar)', 'daysPresent'],
  ['Days present', 'daysPresent'],
  ['Giltig frånvaro (dagar)', 'validAbsenceDays'],
  ['Dagar med giltig frånvaro', 'validAbsenceDays'],
  ['Anmäld frånvaro', 'validAbsenceDays'],
  ['Ogiltig frånvaro (dagar)', 'unexplainedAbsenceDays'],
  ['Oanmäld frånvaro', 'unexplainedAbsenceDays'],
  ['Ej anmäld frånvaro (dagar)', 'unexplainedAbsenceDays'],
  ['Unexcused absence (days)', 'unexplainedAbsenceDays'],
  ['Frånvarande (dagar)', 'unknownAbsenceDays'],
  ['Frånvaro okänd orsak', 'unknownAbsenceDays'],
  ['Första närvarodag', 'firstDayPresent'],
  ['First day present', 'firstDayPresent'],
  // Summaries in minutes
  ['Närvarande tid (min)', 'attendedMinutes'],
  ['Närvarotid', 'attendedMinutes'],
  ['Närvaro minuter', 'attendedMinutes'],
  ['Attended minutes', 'attendedMinutes'],
  ['Giltig frånvaro (min)', 'validAbsenceMinutes'],
  ['Anmäld frånvaro minuter', 'validAbsenceMinutes'],
  ['Excused absence (min)', 'validAbsenceMinutes'],
  ['Ogiltig frånvaro (min)', 'unexplainedAbsenceMinutes'],
  ['Ogiltig frånvaro minuter', 'unexplainedAbsenceMinutes'],
  ['Oanmäld frånvaro i minuter', 'unexplainedAbsenceMinutes'],
  ['Ej anmäld frånvaro (min)', 'unexplainedAbsenceMinutes'],
  // Percent, only a cross-check
  ['Frånvaro %', 'absencePercent'],
  ['Frånvaro (%)', 'absencePercent'],
  ['Andel frånvaro', 'absencePercent'],
  ['Närvaro %', 'attendedPercent'],
  ['Giltig frånvaro %', 'validAbsencePercent'],
  ['Ogiltig frånvaro (%)', 'unexplainedAbsencePercent'],
  // Nothing known
  ['Kommentar', undefined],
  ['Mentor', undefined],
  ['Frånvaro (timmar)', undefined],
  ['Totalt', undefined],
  ['Närvarorapport', undefined],
  ['', undefined],
];

describe('readHeader: real-world headers', () => {
  it('has at least 80 of them', () => {
    expect(HEADERS.length).toBeGreaterThanOrEqual(80);
  });

  it.each(HEADERS)('%j → %s', (header, expected) => {
    const reading = readHeader(header);
    const got = reading === undefined ? undefined : 'ambiguous' in reading ? 'ambiguous' : reading.field;
    expect(got).toBe(expected);
  });

  it.each([
    ['Frånvaro', 'minutesIfNumeric'],
    ['Frånvarotyp', 'typeNextToMinutes'],
    ['Typ av frånvaro', 'typeNextToMinutes'],
  ])('%j depends on the rest of the file (%s)', (header, context) => {
    expect(readHeader(header)).toEqual({ field: 'status', context });
  });
});

describe('readHeader: ambiguity', () => {
  // Two rules of different fields that both cover a header: the reading names both.
  const table: HeaderRule[] = [
    { field: 'personalNumber', need: [['pnr']], may: [['elev']] },
    { field: 'guardian1', need: [['pnr']], may: [['vh']] },
  ];
  it.each<[string, unknown]>([
    ['Pnr', { ambiguous: ['personalNumber', 'guardian1'] }],
    ['Elev pnr', { field: 'personalNumber' }],
    ['VH pnr', { field: 'guardian1' }],
  ])('%j → %j', (header, expected) => {
    expect(readHeader(header, table)).toEqual(expected);
  });

  it('no header read by the shipped rules is ambiguous', () => {
    for (const [header] of HEADERS) expect(readHeader(header) ?? {}).not.toHaveProperty('ambiguous');
  });
});

describe('ALIASES: the examples of each field', () => {
  it.each(FIELDS.flatMap((field) => ALIASES[field].map((name) => [name, field] as const)))('%j reads as %s', (name, field) => {
    expect(fieldForHeader(name)).toBe(field);
  });
});

describe('documentation', () => {
  it.each([`${__dirname}/README.md`, `${__dirname}/../../../docs/import.md`])('%s lists every header rule as a user reads it', (file) => {
    const text = readFileSync(file, 'utf8');
    for (const row of describeRules(HEADER_RULES).split('\n')) expect(text).toContain(row);
  });
});
