import type { CellValue } from '../types';
import { joinNameColumns, MAX_NAME_LENGTH, splitName } from './names';

describe('splitName', () => {
  it.each<[CellValue, string, string]>([
    ['Rahimi, Omar', 'Omar', 'Rahimi'],
    ['Omar Rahimi', 'Omar', 'Rahimi'],
    ['  Omar   Rahimi ', 'Omar', 'Rahimi'],
    ['Rahimi ,  Omar ', 'Omar', 'Rahimi'],
    ['Svensson Nilsson, Anna Maria', 'Anna Maria', 'Svensson Nilsson'],
    ['Anna Maria Svensson', 'Anna Maria', 'Svensson'],
    ['Åsa Öberg', 'Åsa', 'Öberg'],
    ['Anna-Karin Lindén-Ek', 'Anna-Karin', 'Lindén-Ek'],
    ['Carl von Essen', 'Carl', 'von Essen'],
    ['Maria de la Cruz', 'Maria', 'de la Cruz'],
    ['Ali al Hassan', 'Ali', 'al Hassan'],
    ['Anna De Geer', 'Anna De', 'Geer'], // capitalised: not read as a particle
    ['von Essen', 'von', 'Essen'], // a first name is kept
    ['Omar', '', 'Omar'], // one name only
    ['Rahimi,', '', 'Rahimi'],
    ['Omar\u00a0Rahimi', 'Omar', 'Rahimi'],
  ])('%p → %s / %s', (cell, firstName, lastName) => {
    expect(splitName(cell)).toEqual({ ok: true, value: { firstName, lastName } });
  });

  it.each<[CellValue, string]>([
    [null, 'Namnet saknas.'],
    ['   ', 'Namnet saknas.'],
    [',', '”,” är inget namn.'],
    [42, '”42” är inget namn.'],
    ['Rahimi, Omar, 9B', 'Namnet ”Rahimi, Omar, 9B” har flera kommatecken. Skriv ”Efternamn, Förnamn” eller ”Förnamn Efternamn”.'],
  ])('%p is rejected', (cell, message) => {
    expect(splitName(cell)).toEqual({ ok: false, message });
  });
});

const long = (n: number, letter = 'a') => letter.repeat(n);
const shown = (text: string) => `”${text.slice(0, 39)}…”`;
const tooLong = (what: string, text: string, n: number) =>
  `${what} ${shown(text)} är ${n} tecken långt; ett namn får vara högst 200 tecken. Kontrollera att cellen bara innehåller elevens namn.`;

describe('splitName: direction controls and length', () => {
  // Each bidirectional control, where it could turn the text around it.
  it.each([
    ['U+202A LRE', '\u202A'],
    ['U+202B RLE', '\u202B'],
    ['U+202C PDF', '\u202C'],
    ['U+202D LRO', '\u202D'],
    ['U+202E RLO', '\u202E'],
    ['U+2066 LRI', '\u2066'],
    ['U+2067 RLI', '\u2067'],
    ['U+2068 FSI', '\u2068'],
    ['U+2069 PDI', '\u2069'],
    ['U+200E LRM', '\u200E'],
    ['U+200F RLM', '\u200F'],
    ['U+061C ALM', '\u061C'],
  ])('%s is stripped wherever it stands', (_name, c) => {
    const expected = { ok: true, value: { firstName: 'Omar', lastName: 'Rahimi' } };
    expect(splitName(`${c}Omar Rahimi`)).toEqual(expected);
    expect(splitName(`Omar${c} Rahimi`)).toEqual(expected);
    expect(splitName(`Omar ${c}Rahimi${c}`)).toEqual(expected);
    expect(splitName(`Rahimi,${c} Omar`)).toEqual(expected);
    expect(joinNameColumns(`Om${c}ar`, `${c}Rahimi`)).toEqual(expected);
  });

  it.each<[CellValue, string, string]>([
    ['\u202Ekcin\u202C Anna', 'kcin', 'Anna'], // only the control goes; the letters stay as written
    ['\u05D3\u05D5\u05D3 \u05DB\u05D4\u05DF', '\u05D3\u05D5\u05D3', '\u05DB\u05D4\u05DF'], // Hebrew letters need no controls
    ['\u0639\u0644\u064A\u061C \u062D\u0633\u0646', '\u0639\u0644\u064A', '\u062D\u0633\u0646'],
    [long(MAX_NAME_LENGTH), '', long(200)],
    [`${long(100, 'Å')} ${long(99, 'Ö')}`, long(100, 'Å'), long(99, 'Ö')],
    [long(150, '𝒜'), '', long(150, '𝒜')], // 300 UTF-16 units, 150 characters
    [`${long(200)}\u202E\u202C`, '', long(200)], // the controls do not count
  ])('%p → %p / %p', (cell, firstName, lastName) => {
    expect(splitName(cell)).toEqual({ ok: true, value: { firstName, lastName } });
  });

  it.each<[CellValue, string]>([
    ['\u202E\u2066 \u200F', 'Namnet saknas.'],
    [long(201), tooLong('Namnet', long(201), 201)],
    [`Rahimi, ${long(300)}`, tooLong('Namnet', `Rahimi, ${long(300)}`, 308)],
    [
      long(201, '𝒜'),
      `Namnet ”${long(39, '𝒜')}…” är 201 tecken långt; ett namn får vara högst 200 tecken. Kontrollera att cellen bara innehåller elevens namn.`,
    ],
    // A message quoting the cell carries no control either.
    ['Rahimi, \u202EOmar, 9B', 'Namnet ”Rahimi, Omar, 9B” har flera kommatecken. Skriv ”Efternamn, Förnamn” eller ”Förnamn Efternamn”.'],
  ])('%p is rejected', (cell, message) => {
    expect(splitName(cell)).toEqual({ ok: false, message });
  });
});

describe('joinNameColumns', () => {
  it.each<[CellValue, CellValue, string, string]>([
    ['Omar', 'Rahimi', 'Omar', 'Rahimi'],
    ['  Anna  Maria ', ' Svensson ', 'Anna Maria', 'Svensson'],
    ['Omar', null, 'Omar', ''],
    [null, 'Rahimi', '', 'Rahimi'],
    ['', 'Rahimi', '', 'Rahimi'],
  ])('%p + %p → %s / %s', (first, last, firstName, lastName) => {
    expect(joinNameColumns(first, last)).toEqual({ ok: true, value: { firstName, lastName } });
  });

  it.each<[CellValue, CellValue, string]>([
    [null, null, 'Namnet saknas.'],
    [' ', '', 'Namnet saknas.'],
  ])('%p + %p is rejected', (first, last, message) => {
    expect(joinNameColumns(first, last)).toEqual({ ok: false, message });
  });

  it.each<[CellValue, CellValue, 'first' | 'last', string]>([
    [7, 'Rahimi', 'first', '”7” är inget namn.'],
    ['Omar', 7, 'last', '”7” är inget namn.'],
    [long(201), 'Rahimi', 'first', tooLong('Förnamnet', long(201), 201)],
    ['Omar', long(250), 'last', tooLong('Efternamnet', long(250), 250)],
    [null, long(201), 'last', tooLong('Efternamnet', long(201), 201)],
  ])('%p + %p is rejected, naming the %s-name cell', (first, last, part, message) => {
    expect(joinNameColumns(first, last)).toEqual({ ok: false, message, part });
  });
});
