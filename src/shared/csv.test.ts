import { parse } from 'csv-parse/sync';
import { csvCell, csvLine, neutraliseCsvText, neutraliseFormula } from './csv';

describe('spreadsheet-safe CSV', () => {
  it.each([
    ['=HYPERLINK("http://x")', `'=HYPERLINK("http://x")`],
    ['+46701234567', `'+46701234567`],
    ['-2+3', `'-2+3`],
    ['@SUM(A1)', `'@SUM(A1)`],
    ['\tcmd', `'\tcmd`],
    ['\rcmd', `'\rcmd`],
    ['Björkskolan', 'Björkskolan'],
    ['a=b', 'a=b'],
    ['Ekdal,=1+1,@SUM(9)', `Ekdal,'=1+1,'@SUM(9)`],
    ['a;+b\n-c', `a;'+b\n'-c`],
    ['x, =1', `x, '=1`],
    [' =1', ` '=1`],
  ])('neutralises %j for CSV', (input, expected) => {
    expect(neutraliseCsvText(input)).toBe(expected);
  });

  it.each([
    ['=1+1', `'=1+1`],
    [' @SUM(A1)', `' @SUM(A1)`],
    ['-2', `'-2`],
    ['Ekdal,=1+1', 'Ekdal,=1+1'],
    ['Björkskolan', 'Björkskolan'],
  ])('neutralises the Excel cell %j at its start only (no separators inside a cell)', (input, expected) => {
    expect(neutraliseFormula(input)).toBe(expected);
  });

  it.each([
    ['plain', 'plain'],
    ['semi;colon', '"semi;colon"'],
    ['comma,list', '"comma,list"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\nlines', '"two\nlines"'],
    ['=1+1', `'=1+1`],
    ['Ekdal,=1+1,@SUM(9)', `"Ekdal,'=1+1,'@SUM(9)"`],
    ['@SUM(9),x', `"'@SUM(9),x"`],
    [null, ''],
    [42, '42'],
    [-3, '-3'],
  ])('writes the cell %j as %j', (input, expected) => {
    expect(csvCell(input)).toBe(expected);
  });

  it('joins with ; and CRLF', () => {
    expect(csvLine(['a', 1, null])).toBe('a;1;\r\n');
  });

  it('neutralises every cell of a line, not only the first', () => {
    expect(csvLine(['ok', '=A1', '+1', '-1', '@x', '\tt'])).toBe(`ok;'=A1;'+1;'-1;'@x;'\tt\r\n`);
  });

  // Read back as Excel would with either list separator: no cell may start a formula.
  it.each([';', ','])('leaves no cell that starts a formula when read with %j as separator', (delimiter) => {
    const line = csvLine(['11111111', 'Ekdal,=1+1,@SUM(9)', '=cmd|"/c calc"!A1', 'Björk;+skolan']);
    const cells = (parse(line, { delimiter, relax_quotes: true, relax_column_count: true }) as string[][])[0]!;
    expect(cells.length).toBeGreaterThan(1);
    for (const c of cells) expect(c).not.toMatch(/^[=+\-@\t\r]/);
  });
});
