import type { CellValue } from '../types';
import { normaliseProtectedIdentity } from './protected';

describe('normaliseProtectedIdentity', () => {
  it.each<[CellValue, boolean]>([
    ['Ja', true],
    ['ja', true],
    ['JA', true],
    ['J', true], // the sample file's form
    [' j ', true],
    ['X', true],
    ['x', true],
    ['1', true],
    [1, true],
    [true, true],
    ['true', true],
    ['TRUE', true],
    ['Sant', true],
    ['SANT', true],
    ['Yes', true],
    ['Y', true],
    ['Skyddad', true],
    ['Skyddad identitet', true],
    ['skyddad  IDENTITET', true],
    ['SKYDDAD', true],
    ['Sekretessmarkering', true],
    ['Sekretessmarkerad', true],
    ['Nej', false],
    ['nej', false],
    ['N', false],
    ['0', false],
    [0, false],
    [false, false],
    ['false', false],
    ['FALSKT', false],
    ['No', false],
    [null, false],
    ['', false],
    ['   ', false],
  ])('%p → %s', (cell, expected) => {
    expect(normaliseProtectedIdentity(cell)).toEqual({ ok: true, value: expected });
  });

  it.each<[CellValue, string]>([
    ['kanske', '”kanske”'],
    ['-', '”-”'], // not guessed as "no": a wrong "no" could expose a protected pupil
    ['Ja?', '”Ja?”'], // a question, not a yes
    ['Ej skyddad', '”Ej skyddad”'],
    [2, '”2”'],
    [new Date(Date.UTC(2026, 7, 18)), '”2026-08-18”'],
  ])('%p is rejected', (cell, shown) => {
    expect(normaliseProtectedIdentity(cell)).toEqual({
      ok: false,
      message: `Okänt värde ${shown} för skyddad identitet. Skriv Ja eller Nej, eller lämna cellen tom.`,
    });
  });
});
