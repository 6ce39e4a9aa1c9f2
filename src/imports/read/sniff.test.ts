import { ImportFileError } from '../types';
import { detectFileKind } from './sniff';

const zip = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(40)]);
const ods = Buffer.concat([
  Buffer.from([0x50, 0x4b, 0x03, 0x04]),
  Buffer.alloc(26),
  Buffer.from('mimetypeapplication/vnd.oasis.opendocument.spreadsheet', 'latin1'),
]);
const ole2 = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
const pdf = Buffer.from('%PDF-1.7\n');
const text = Buffer.from('Personnummer;Datum\n');
const utf16 = Buffer.from([0xff, 0xfe, 0x50, 0x00, 0x6e, 0x00]);

describe('detectFileKind', () => {
  it.each([
    ['elever.xlsx', zip, 'xlsx'],
    ['ELEVER.XLSX', zip, 'xlsx'],
    ['närvaro.csv', text, 'csv'],
    ['närvaro.txt', text, 'csv'],
    ['unicode.txt', utf16, 'csv'],
    // One NUL is a damaged text file, whose row the CSV reader names.
    ['skadad.csv', Buffer.from('Personnummer;Datum\n1;\0\n'), 'csv'],
  ])('accepts %s', (name, head, kind) => {
    expect(detectFileKind(name, head)).toBe(kind);
  });

  it.each([
    ['tom.csv', Buffer.alloc(0), 'empty-file', /^Filen är tom\.$/],
    ['gammal.xls', ole2, 'legacy-xls', /\.xls.*Spara som → Excel-arbetsbok \(\.xlsx\)/],
    ['omdöpt.xlsx', ole2, 'legacy-xls', /lösenordsskyddad/],
    ['rapport.pdf', pdf, 'pdf', /PDF/],
    ['rapport.csv', pdf, 'pdf', /PDF/],
    ['kalkyl.ods', ods, 'ods', /OpenDocument/],
    ['kalkyl.xlsx', ods, 'ods', /OpenDocument/],
    ['fel.xlsx', text, 'not-xlsx', /Filen heter \.xlsx men är inte en Excel-fil/],
    ['binär.csv', Buffer.from([0x41, 0x00, 0x42, 0x00]), 'binary-text', /inte text/],
    ['arbetsbok.csv', zip, 'binary-text', /komprimerad/],
    ['gammal.xls', text, 'legacy-xls', /\.xls/],
    ['bild.png', Buffer.from([0x89, 0x50, 0x4e, 0x47]), 'unsupported-type', /\.png.*\.xlsx.*\.csv.*\.txt/],
    ['utan-ändelse', text, 'unsupported-type', /utan filändelse/],
  ])('rejects %s with a message on how to save it', (name, head, code, message) => {
    let error: unknown;
    try {
      detectFileKind(name, head);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ImportFileError);
    expect((error as ImportFileError).code).toBe(code);
    expect((error as ImportFileError).message).toMatch(message);
  });

  it('tells how to save as CSV UTF-8 for unreadable files', () => {
    expect(() => detectFileKind('x.xls', ole2)).toThrow(/CSV UTF-8 \(kommaavgränsad\)/);
  });
});
