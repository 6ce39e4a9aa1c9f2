import type { CellValue } from '../types';
import {
  checkStatusVocabulary,
  createStatusMatcher,
  DEFAULT_STATUS_VOCABULARY,
  isAbsence,
  normaliseStatus,
  type Status,
} from './status';
import { compactKey } from './text';

describe('normaliseStatus: the documented vocabulary', () => {
  it.each<[CellValue, Status]>([
    ['Närvarande', 'present'],
    ['Närvaro', 'present'],
    ['N', 'present'],
    ['P', 'present'],
    ['X', 'present'],
    ['Giltig frånvaro', 'valid'],
    ['Giltig', 'valid'],
    ['GiltigFrånvaro', 'valid'],
    ['Anmäld frånvaro', 'valid'],
    ['Anmäld', 'valid'],
    ['Föranmäld', 'valid'],
    ['Sjuk', 'valid'],
    ['Ledig', 'valid'],
    ['Ledighet beviljad', 'valid'],
    ['Beviljad ledighet', 'valid'],
    ['G', 'valid'],
    ['Ogiltig frånvaro', 'unexplained'],
    ['Ogiltig', 'unexplained'],
    ['OgiltigFrånvaro', 'unexplained'],
    ['Oanmäld frånvaro', 'unexplained'],
    ['Oanmäld', 'unexplained'],
    ['Ej anmäld', 'unexplained'],
    ['O', 'unexplained'],
    ['Frånvarande', 'unknown'],
    ['Frånvaro', 'unknown'],
    ['F', 'unknown'],
    ['A', 'unknown'],
    ['Ej rapporterat', 'not_reported'],
    ['EjRapporterat', 'not_reported'],
    ['Ej rapporterad', 'not_reported'],
    [null, 'not_reported'],
    ['', 'not_reported'],
    ['   ', 'not_reported'],
  ])('%p → %s', (cell, expected) => {
    expect(normaliseStatus(cell)).toEqual({ ok: true, value: expected });
  });
});

describe('normaliseStatus: case, spaces, punctuation and diacritics do not matter', () => {
  it.each<[CellValue, Status]>([
    ['närvarande', 'present'],
    ['NÄRVARANDE', 'present'],
    ['Narvarande', 'present'],
    ['  Närvarande  ', 'present'],
    ['n', 'present'],
    ['x', 'present'],
    ['giltig  franvaro', 'valid'],
    ['Giltig-frånvaro', 'valid'],
    ['Giltig_frånvaro', 'valid'],
    ['OGILTIG FRÅNVARO', 'unexplained'],
    ['Oanmald', 'unexplained'],
    ['ej anmäld', 'unexplained'],
    ['Franvaro', 'unknown'],
    ['ej_rapporterat', 'not_reported'],
    ['EJ RAPPORTERAT', 'not_reported'],
    ['Närvarande\u00a0', 'present'], // non-breaking space from a web page
  ])('%p → %s', (cell, expected) => {
    expect(normaliseStatus(cell)).toEqual({ ok: true, value: expected });
  });
});

describe('normaliseStatus: unknown values', () => {
  const allowed =
    'Tillåtna värden är till exempel Närvarande, Giltig frånvaro, Ogiltig frånvaro, Frånvarande och Ej rapporterat (eller tom cell).';
  it.each<[CellValue, string]>([
    ['Q', `Okänd närvarostatus ”Q”. ${allowed}`],
    ['Närv', `Okänd närvarostatus ”Närv”. ${allowed}`],
    [' Sen ankomst ', `Okänd närvarostatus ”Sen ankomst”. ${allowed}`],
    [0, `Okänd närvarostatus ”0”. ${allowed}`], // digit zero, not the letter O
    [1, `Okänd närvarostatus ”1”. ${allowed}`],
    [true, `Okänd närvarostatus ”SANT”. ${allowed}`],
    [new Date(Date.UTC(2026, 7, 18)), `Okänd närvarostatus ”2026-08-18”. ${allowed}`],
  ])('%p', (cell, message) => {
    expect(normaliseStatus(cell)).toEqual({ ok: false, message });
  });
});

describe('createStatusMatcher with municipal words', () => {
  const matcher = createStatusMatcher({ Ledig_beviljad: 'valid', Skolk: 'unexplained', F: 'unexplained' });
  it.each<[CellValue, Status]>([
    ['Skolk', 'unexplained'], // added
    ['skolk', 'unexplained'],
    ['Ledig beviljad', 'valid'],
    ['F', 'unexplained'], // overrides the default 'unknown'
    ['Närvarande', 'present'], // defaults still there
    [null, 'not_reported'],
  ])('%p → %s', (cell, expected) => {
    expect(matcher(cell)).toEqual({ ok: true, value: expected });
  });

  it('does not change the default matcher', () => {
    expect(normaliseStatus('Skolk').ok).toBe(false);
    expect(normaliseStatus('F')).toEqual({ ok: true, value: 'unknown' });
  });
});

describe('checkStatusVocabulary', () => {
  it.each<[Record<string, unknown>, string[]]>([
    [{ Skolk: 'unexplained' }, []],
    [{ 'Ej rapporterat': 'present' }, ['”Ej rapporterat” betyder att närvaron inte är rapporterad och kan inte räknas som närvaro.']],
    [{ ejrapporterat: 'present' }, ['”ejrapporterat” betyder att närvaron inte är rapporterad och kan inte räknas som närvaro.']],
    [{ ' - ': 'present' }, ['Ordet ” - ” innehåller inga bokstäver eller siffror.']],
    [{ Skolk: 'absent' }, ['Ordet ”Skolk” har en okänd betydelse (absent).']],
  ])('%j → %j', (extra, problems) => {
    expect(checkStatusVocabulary(extra)).toEqual(problems);
  });

  it('createStatusMatcher refuses a vocabulary that makes not reported present', () => {
    expect(() => createStatusMatcher({ 'Ej rapporterat': 'present' })).toThrow(/närvaro/);
  });
});

describe('the default vocabulary', () => {
  it('has no two words that match each other with different meanings', () => {
    const seen = new Map<string, Status>();
    for (const [word, status] of Object.entries(DEFAULT_STATUS_VOCABULARY)) {
      const key = compactKey(word);
      expect([word, seen.get(key) ?? status]).toEqual([word, status]);
      seen.set(key, status);
    }
  });

  it('has no word for not reported that means present', () => {
    for (const [word, status] of Object.entries(DEFAULT_STATUS_VOCABULARY)) {
      if (compactKey(word).startsWith('ejrapporter')) expect(status).toBe('not_reported');
    }
  });
});

describe('isAbsence', () => {
  it.each<[Status, boolean]>([
    ['present', false],
    ['valid', true],
    ['unexplained', true],
    ['unknown', true],
    ['not_reported', false],
  ])('%s → %s', (status, expected) => {
    expect(isAbsence(status)).toBe(expected);
  });
});
