import { csvCell, csvLine, neutraliseFormula } from './csv';

describe('spreadsheet-safe CSV', () => {
  it.each([
    ['=HYPERLINK("http://x")', `'=HYPERLINK("http://x")`],
    ['+46701234567', `'+46701234567`],
    ['-2+3', `'-2+3`],
    ['@SUM(A1)', `'@SUM(A1)`],
    ['\tcmd', `'\tcmd`],
    ['Björkskolan', 'Björkskolan'],
    ['a=b', 'a=b'],
  ])('neutralises %j', (input, expected) => {
    expect(neutraliseFormula(input)).toBe(expected);
  });

  it.each([
    ['plain', 'plain'],
    ['semi;colon', '"semi;colon"'],
    ['say "hi"', '"say ""hi"""'],
    [null, ''],
    [42, '42'],
  ])('quotes %j', (input, expected) => {
    expect(csvCell(input)).toBe(expected);
  });

  it('joins with ; and CRLF', () => {
    expect(csvLine(['a', 1, null])).toBe('a;1;\r\n');
  });
});
