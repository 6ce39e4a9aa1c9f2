import { ImportFileError } from '../types';
import { textCapScanner, type XlsxTextCaps } from './xlsx-text-caps';

const caps: XlsxTextCaps = { maxSharedStrings: 3, maxSharedStringBytes: 40, maxCellChars: 10 };
const sst = (...items: string[]) => `<?xml version="1.0"?><sst xmlns="x" count="${items.length}">${items.join('')}</sst>`;

/** Runs the scanner over the XML whole and one byte at a time (a chunk may cut anything). */
function scan(kind: 'sharedStrings' | 'sheet', xml: string): string | null {
  const codes = new Set<string>();
  for (const pieces of [[Buffer.from(xml)], [...Buffer.from(xml)].map((b) => Buffer.from([b]))]) {
    const observe = textCapScanner(kind, caps);
    try {
      for (const p of pieces) observe(p);
      codes.add('ok');
    } catch (e) {
      if (!(e instanceof ImportFileError)) throw e;
      codes.add(e.code);
    }
  }
  expect(codes.size).toBe(1);
  const [code] = [...codes];
  return code === 'ok' ? null : code!;
}

describe('textCapScanner', () => {
  it.each<[string, 'sharedStrings' | 'sheet', string, string | null]>([
    ['three strings', 'sharedStrings', sst('<si><t>Ja</t></si>', '<si><t>Nej</t></si>', '<si><t/></si>'), null],
    ['four strings', 'sharedStrings', sst('<si><t>a</t></si>', '<si><t>b</t></si>', '<si><t>c</t></si>', '<x:si><x:t>d</x:t></x:si>'), 'xlsx-too-many-strings'],
    ['ten characters, Swedish letters counted once', 'sharedStrings', sst('<si><t xml:space="preserve">ÅÄÖåäöéü  </t></si>'), null],
    ['an entity counts as one character', 'sharedStrings', sst('<si><t>&amp;&lt;&gt;&quot;&apos;&#228;&#xE5;abc</t></si>'), null],
    ['eleven characters in one string', 'sharedStrings', sst('<si><t>abcdefghijk</t></si>'), 'xlsx-cell-too-long'],
    ['rich-text runs add up', 'sharedStrings', sst('<si><r><rPr><b/></rPr><t>abcdef</t></r><r><t>ghijk</t></r></si>'), 'xlsx-cell-too-long'],
    ['markup is not text', 'sharedStrings', sst('<si><r><rPr><rFont val="Calibri-very-long-font-name"/></rPr><t>ab</t></r></si>'), null],
    [
      '41 bytes of text in all (å is two)',
      'sharedStrings',
      sst('<si><t>åååååååååå</t></si>', '<si><t>ääääääääää</t></si>', '<si><t>a</t></si>'),
      'xlsx-too-much-text',
    ],
    [
      'a sheet cell of ten characters',
      'sheet',
      '<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>abcdefghij</t></is></c><c r="B1"><v>12345</v></c></row></sheetData>',
      null,
    ],
    [
      'a sheet cell of eleven characters',
      'sheet',
      '<sheetData><row r="1"><c r="A1" t="str"><f>A2</f><v>abcdefghijk</v></c></row></sheetData>',
      'xlsx-cell-too-long',
    ],
    [
      'attribute values are not text',
      'sheet',
      '<sheetData><row r="1" spans="1:2" customFormat="1"><c r="A1" s="123456789012"><v>1</v></c></row></sheetData>',
      null,
    ],
  ])('%s', (_name, kind, xml, expected) => {
    expect(scan(kind, xml)).toBe(expected);
  });
});
