import type { CellValue } from '../types';
import { checkStatusVocabulary, createStatusMatcher, DEFAULT_STATUS_VOCABULARY, isAbsence, normaliseStatus, type Status } from './status';
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

describe('normaliseStatus: words read by meaning (status-rules.ts)', () => {
  it.each<[string, Status]>([
    // qualifiers in parentheses
    ['Frånvarande (ej anmäld)', 'unexplained'],
    ['Frånvarande (anmäld)', 'valid'],
    ['Frånvarande (inte anmäld)', 'unexplained'],
    ['Frånvarande (icke anmäld)', 'unexplained'],
    ['FRÅNVARANDE (EJ ANMÄLD)', 'unexplained'],
    ['franvarande (ej anmald)', 'unexplained'],
    ['Frånvarande(ej anmäld)', 'unexplained'],
    ['Frånvarande - ej anmäld', 'unexplained'],
    ['Frånvarande, anmäld', 'valid'],
    ['Frånvarande (giltig)', 'valid'],
    ['Frånvarande (ogiltig)', 'unexplained'],
    ['Frånvarande (sjuk)', 'valid'],
    ['Ledig (beviljad)', 'valid'],
    ['Frånvaro utan anmälan', 'unexplained'],
    ['Frånvaro (ej giltig)', 'unexplained'],
    ['Ej giltig frånvaro', 'unexplained'],
    ['Inte anmäld frånvaro', 'unexplained'],
    ['Ej närvarande', 'unknown'],
    ['Inte närvarande', 'unknown'],
    // negation glued on
    ['Oanmäld', 'unexplained'],
    ['OANMÄLD', 'unexplained'],
    ['Ogiltigt', 'unexplained'],
    ['EjAnmäld', 'unexplained'],
    ['Ej_anmäld', 'unexplained'],
    // late is present
    ['Sen ankomst', 'present'],
    ['sen ankomst', 'present'],
    ['SEN ANKOMST', 'present'],
    ['Sent', 'present'],
    ['Sen', 'present'],
    ['Försenad', 'present'],
    ['Forsenad', 'present'],
    ['Försenad (anmäld)', 'present'],
    ['Sen ankomst (ej anmäld)', 'present'],
    // valid reasons
    ['Sjukanmäld', 'valid'],
    ['Sjuk(anmäld)', 'valid'],
    ['Sjuk (anmäld)', 'valid'],
    ['Tjänstledig', 'valid'],
    ['Beviljad ledighet', 'valid'],
    ['Ledighet (beviljad)', 'valid'],
    ['Föranmäld', 'valid'],
    ['Föranmäld frånvaro', 'valid'],
    ['Anmäld', 'valid'],
    ['Giltigt', 'valid'],
    // not reported
    ['Ej rapporterad', 'not_reported'],
    ['Ej rapp.', 'not_reported'],
    ['ej rapp', 'not_reported'],
    ['Ej rapporterat', 'not_reported'],
    ['Inte rapporterad', 'not_reported'],
    ['Icke rapporterad', 'not_reported'],
    ['Orapporterad', 'not_reported'],
    ['Närvaro ej rapporterad', 'not_reported'],
    ['Ej registrerad', 'not_reported'],
    // English
    ['Present', 'present'],
    ['present', 'present'],
    ['Late', 'present'],
    ['Late arrival', 'present'],
    ['Absent', 'unknown'],
    ['Absence', 'unknown'],
    ['Excused', 'valid'],
    ['Excused absence', 'valid'],
    ['Authorised absence', 'valid'],
    ['Unexcused', 'unexplained'],
    ['Unexcused absence', 'unexplained'],
    ['Unauthorized absence', 'unexplained'],
    ['Not present', 'unknown'],
    ['Not reported', 'not_reported'],
    ['Unreported', 'not_reported'],
    ['Sick', 'valid'],
    // plain words through the rules as well as the vocabulary
    ['Närvarande (heldag)', 'present'],
    ['Frånvarande hela dagen', 'unknown'],
  ])('%p → %s', (cell, expected) => {
    expect(normaliseStatus(cell)).toEqual({ ok: true, value: expected });
  });

  it.each<[string, string]>([
    ['Rapporterad', 'a plain "reported" says nothing about the pupil'],
    ['Närvarande ej rapporterad', 'not reported is never present'],
    ['Ej rapporterad närvarande', 'not reported is never present'],
    ['Frånvarande ej rapporterad', 'absent and not reported pull two ways'],
    ['Närvarande (frånvarande)', 'present and absent'],
    ['Giltig ogiltig', 'valid and unexplained'],
    ['Sen frånvaro', 'late and absent'],
    ['Ej', 'a negation with nothing after it'],
    ['Ej ej anmäld', 'a double negation'],
    ['Ej frånvarande', 'a negated absence is not read as present'],
    ['Frånvarande (skolresa)', 'a word no rule knows'],
    ['Ankomst', 'a neutral word alone'],
    ['F (ej anmäld)', 'a single letter inside a phrase'],
  ])('%p is not understood: %s', (cell) => {
    expect(normaliseStatus(cell).ok).toBe(false);
  });
});

describe('not reported is never present', () => {
  const words = ['Ej rapporterad', 'Ej rapp.', 'Inte rapporterad', 'Orapporterad', 'Not reported', 'ej rapporterat'];
  it.each(words)('a school or municipality cannot make %p mean present', (word) => {
    expect(checkStatusVocabulary({ [word]: 'present' })).toEqual([`”${word}” betyder att närvaron inte är rapporterad och kan inte räknas som närvaro.`]);
    expect(() => createStatusMatcher({}, { chosen: { [word]: 'present' } })).toThrow(/närvaro/);
  });
  it.each(words)('%p may be mapped to another absence', (word) => {
    expect(checkStatusVocabulary({ [word]: 'unknown' })).toEqual([]);
  });
});

describe('createStatusMatcher: which choice wins, and what the file held', () => {
  it('chosen beats saved beats municipal beats vocabulary and rules', () => {
    const matcher = createStatusMatcher(
      { Skolk: 'unknown', F: 'unexplained', Tjänstledig: 'unknown' },
      { saved: { Skolk: 'valid', Studiebesök: 'valid' }, chosen: { Studiebesök: 'present' } },
    );
    const cells: CellValue[] = ['Skolk', 'Studiebesök', 'studiebesok', 'F', 'Tjänstledig', 'Sen ankomst', 'N', null, '', 'Okänt', 'Okänt', 'Okänt'];
    expect(
      cells.map((c) => {
        const r = matcher(c);
        return r.ok ? r.value : null;
      }),
    ).toEqual(['valid', 'present', 'present', 'unexplained', 'unknown', 'present', 'present', 'not_reported', 'not_reported', null, null, null]);
    expect(matcher.readings()).toEqual([
      { word: 'Okänt', status: null, source: null, count: 3 },
      { word: '', status: 'not_reported', source: 'empty', count: 2 },
      { word: 'F', status: 'unexplained', source: 'municipality', count: 1 },
      { word: 'N', status: 'present', source: 'vocabulary', count: 1 },
      { word: 'Sen ankomst', status: 'present', source: 'rules', count: 1 },
      { word: 'Skolk', status: 'valid', source: 'saved', count: 1 },
      { word: 'studiebesok', status: 'present', source: 'chosen', count: 1 },
      { word: 'Studiebesök', status: 'present', source: 'chosen', count: 1 },
      { word: 'Tjänstledig', status: 'unknown', source: 'municipality', count: 1 },
    ]);
  });

  it('counts a word with stray spaces as the same word', () => {
    const matcher = createStatusMatcher();
    for (const c of ['N', ' N', 'N ']) matcher(c);
    expect(matcher.readings()).toEqual([{ word: 'N', status: 'present', source: 'vocabulary', count: 3 }]);
  });

  it('lets a school map a number cell by its text', () => {
    const matcher = createStatusMatcher({}, { saved: { '1': 'present' } });
    expect(matcher(1)).toEqual({ ok: true, value: 'present' });
    expect(matcher('1')).toEqual({ ok: true, value: 'present' });
  });
});

describe('normaliseStatus: unknown values', () => {
  const allowed = 'Tillåtna värden är till exempel Närvarande, Giltig frånvaro, Ogiltig frånvaro, Frånvarande och Ej rapporterat (eller tom cell).';
  it.each<[CellValue, string]>([
    ['Q', `Okänd närvarostatus ”Q”. ${allowed}`],
    ['Närv', `Okänd närvarostatus ”Närv”. ${allowed}`],
    [' Sen frånvarande ', `Okänd närvarostatus ”Sen frånvarande”. ${allowed}`],
    [0, `Okänd närvarostatus ”0”. ${allowed}`], // digit zero, not the letter O
    [1, `Okänd närvarostatus ”1”. ${allowed}`],
    [true, `Okänd närvarostatus ”SANT”. ${allowed}`],
    [new Date(Date.UTC(2026, 7, 18)), `Okänd närvarostatus ”2026-08-18”. ${allowed}`],
  ])('%p', (cell, message) => {
    expect(normaliseStatus(cell)).toEqual({ ok: false, message });
  });
});

describe('createStatusMatcher with municipal words', () => {
  const matcher = createStatusMatcher({ Ledig_beviljad: 'valid', Skolk: 'unexplained', F: 'unexplained', Studieresa: 'valid' });
  it.each<[CellValue, Status]>([
    ['Skolk', 'unexplained'],
    ['Studieresa', 'valid'], // added
    ['studieresa', 'valid'],
    ['Ledig beviljad', 'valid'],
    ['F', 'unexplained'], // overrides the default 'unknown'
    ['Närvarande', 'present'], // defaults still there
    [null, 'not_reported'],
  ])('%p → %s', (cell, expected) => {
    expect(matcher(cell)).toEqual({ ok: true, value: expected });
  });

  it('does not change the default matcher', () => {
    expect(normaliseStatus('Studieresa').ok).toBe(false);
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
