import type { CellValue } from '../types';
import { joinNameColumns, splitName } from './names';

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
    ['Omar', 7, '”7” är inget namn.'],
  ])('%p + %p is rejected', (first, last, message) => {
    expect(joinNameColumns(first, last)).toEqual({ ok: false, message });
  });
});
