import { readFileSync } from 'node:fs';
import { ALIASES, fieldForHeader } from './aliases';

describe('fieldForHeader', () => {
  it.each([
    // Headers of the sample exports
    ['Personnummer', 'personalNumber'],
    ['Elevens personnummer', 'personalNumber'],
    ['Personnr', 'personalNumber'],
    ['Förnamn', 'firstName'],
    ['Efternamn', 'lastName'],
    ['Elevens namn', 'fullName'],
    ['Elev', 'fullName'],
    ['Namn', 'fullName'],
    ['Klass', 'className'],
    ['Datum', 'date'],
    ['Närvaro', 'status'],
    ['Lektion', 'lesson'],
    ['Schemalagd tid (min)', 'scheduledMinutes'],
    ['Frånvaro (min)', 'absenceMinutes'],
    ['Sekretessmarkering', 'protected'],
    ['Vårdnadshavare', 'guardian1'],
    ['Närvarande dagar', 'daysPresent'],
    ['Giltig frånvaro (dagar)', 'validAbsenceDays'],
    ['Ogiltig frånvaro (dagar)', 'unexplainedAbsenceDays'],
    // Case, spacing, punctuation and diacritics do not matter
    ['  ELEVENS   PERSONNUMMER ', 'personalNumber'],
    ['elevens_personnummer', 'personalNumber'],
    ['Pnr:', 'personalNumber'],
    ['Fornamn', 'firstName'],
    ['FRANVARO (MIN)', 'absenceMinutes'],
    ['ÅK', 'grade'],
    ['Skyddad identitet', 'protected'],
    ['VH2 pnr', 'guardian2'],
    ['Vårdnadshavare 1 personnummer', 'guardian1'],
    ['Första närvarodag', 'firstDayPresent'],
    ['Personal number', 'personalNumber'],
    // A format hint after the name is ignored…
    ['Personnummer (ÅÅÅÅMMDD-NNNN)', 'personalNumber'],
    ['Datum (YYYY-MM-DD)', 'date'],
    // …but words in brackets that change the meaning are not
    ['Närvaro (dagar)', 'daysPresent'],
  ])('%j → %s', (header, field) => {
    expect(fieldForHeader(header)).toBe(field);
  });

  it.each(['Kommentar', 'Mentor', 'Frånvaro (timmar)', 'Elev-ID', 'Vårdnadshavare 1 namn', ''])(
    '%j is not a known column',
    (header) => {
      expect(fieldForHeader(header)).toBeUndefined();
    },
  );
});

describe('README', () => {
  it('lists every accepted column name', () => {
    const readme = readFileSync(`${__dirname}/README.md`, 'utf8');
    for (const names of Object.values(ALIASES)) {
      for (const name of names) expect(readme).toContain(name);
    }
  });
});
