import { formatVocabulary, parseNonSchoolDays, parseVocabulary } from './settings-schema';

describe('settings text lists', () => {
  it.each([
    ['Sjukanmäld = giltig', { Sjukanmäld: 'valid' }],
    ['Skolk=ogiltig\n\nBortrest = okänd', { Skolk: 'unexplained', Bortrest: 'unknown' }],
    ['Distans = närvarande', { Distans: 'present' }],
    ['', {}],
  ])('reads %j', (text, expected) => {
    expect(parseVocabulary(text)).toEqual({ value: expected, errors: [] });
  });

  it.each([
    ['Sjukanmäld', 'Rad 1'],
    ['Sjukanmäld = kanske', 'Rad 1'],
    ['A = giltig\nB : giltig', 'Rad 2'],
    ['Ej rapporterat = närvarande', 'kan inte räknas som närvaro'],
  ])('refuses %j', (text, message) => {
    const r = parseVocabulary(text);
    expect(r.errors.join(' ')).toContain(message);
  });

  it('writes the vocabulary back as lines', () => {
    expect(formatVocabulary({ Sjukanmäld: 'valid', Skolk: 'unexplained' })).toBe('Sjukanmäld = giltig\nSkolk = ogiltig');
  });

  it.each([
    ['2026-10-30 Studiedag', [{ date: '2026-10-30', reason: 'Studiedag' }], []],
    ['2026-10-30', [{ date: '2026-10-30', reason: 'Ingen skoldag' }], []],
    ['30/10 Studiedag', [], ['Rad 1']],
    ['2026-02-30 Fel', [], ['Rad 1']],
  ])('reads non-school days %j', (text, value, errors) => {
    const r = parseNonSchoolDays(text);
    expect(r.value).toEqual(value);
    expect(r.errors.map((e) => e.slice(0, 5))).toEqual(errors);
  });
});
