import { checkStatusChoice, parseStatusAssignments } from './status-choices';

const NAMES = 'present, valid, unexplained, unknown, not_reported';

describe('parseStatusAssignments', () => {
  it.each<[string[], Record<string, string>]>([
    [[], {}],
    [['Studiebesök=valid'], { Studiebesök: 'valid' }],
    [[' Studiebesök = valid '], { Studiebesök: 'valid' }],
    [
      ['Prao=present', 'Skolk=unexplained', 'Okänt=unknown', 'Saknas=not_reported'],
      { Prao: 'present', Skolk: 'unexplained', Okänt: 'unknown', Saknas: 'not_reported' },
    ],
    [['A=B=valid'], { 'A=B': 'valid' }],
  ])('%j → %j', (items, words) => {
    expect(parseStatusAssignments(items)).toEqual({ ok: true, words });
  });

  it.each<[string[], string[]]>([
    [['Studiebesök'], [`”Studiebesök” ska skrivas ORD=BETYDELSE, till exempel ”Studiebesök=valid”. Betydelsen är en av ${NAMES}.`]],
    [['=valid'], [`”=valid” ska skrivas ORD=BETYDELSE, till exempel ”Studiebesök=valid”. Betydelsen är en av ${NAMES}.`]],
    [['Prao='], [`”Prao=” ska skrivas ORD=BETYDELSE, till exempel ”Studiebesök=valid”. Betydelsen är en av ${NAMES}.`]],
    [['Prao=närvarande'], [`Okänd betydelse ”närvarande” för ordet ”Prao”. Välj en av ${NAMES}.`]],
    [['Prao=Present'], [`Okänd betydelse ”Present” för ordet ”Prao”. Välj en av ${NAMES}.`]],
    [['Ej rapp.=present', 'Prao=valid'], ['”Ej rapp.” betyder att närvaron inte är rapporterad och kan inte räknas som närvaro.']],
    [['-=valid'], ['Ordet ”-” innehåller inga bokstäver eller siffror.']],
  ])('%j is refused', (items, errors) => {
    expect(parseStatusAssignments(items)).toEqual({ ok: false, errors });
  });
});

describe('checkStatusChoice', () => {
  it.each<[string, string, string | null]>([
    ['Prao', 'present', null],
    ['Prao', 'absent', `Okänd betydelse ”absent” för ordet ”Prao”. Välj en av ${NAMES}.`],
    ['Inte rapporterad', 'present', '”Inte rapporterad” betyder att närvaron inte är rapporterad och kan inte räknas som närvaro.'],
    ['Inte rapporterad', 'unknown', null],
  ])('%p = %p', (word, status, problem) => {
    expect(checkStatusChoice(word, status)).toBe(problem);
  });
});
