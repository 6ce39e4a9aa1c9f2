import { headerWords } from './header-words';

const VOCABULARY = new Set(['franvaro', 'minuter', 'min', 'lektion', 'datum', 'vh', 'pnr', 'narvaro', 'dagar', 'procent', 'tid']);

describe('headerWords', () => {
  it.each<[string, string[]]>([
    ['Frånvaro (min)', ['franvaro', 'min']],
    ['FRÅNVARO_MINUTER', ['franvaro', 'minuter']],
    ['Frånvarominuter', ['franvaro', 'minuter']],
    ['Lektionsdatum', ['lektion', 'datum']],
    ['Lektions datum', ['lektion', 'datum']],
    ['VH1 pnr', ['vh', '1', 'pnr']],
    ['Närvarodagar', ['narvaro', 'dagar']],
    ['Frånvaro %', ['franvaro', 'procent']],
    ['Frånvaro (%)', ['franvaro', 'procent']],
    ['Personnummer (ÅÅÅÅMMDD-NNNN)', ['personnummer']],
    ['Datum (YYYY-MM-DD)', ['datum']],
    ['(ÅÅÅÅ)', ['aaaa']],
    ['Närvarotid', ['narvaro', 'tid']],
    ['Närvarorapport', ['narvarorapport']],
  ])('%j → %j', (header, words) => {
    expect(headerWords(header, VOCABULARY)).toEqual(words);
  });

  it('does not split a word longer than any compound, so a long title cell stays cheap', () => {
    const start = Date.now();
    expect(headerWords(`${'franvaromin'.repeat(5000)}x`, VOCABULARY)).toHaveLength(1);
    expect(Date.now() - start).toBeLessThan(200);
  });
});
